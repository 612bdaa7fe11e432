import "server-only";
import type { NextRequest } from "next/server";
import { describeWait } from "@/lib/sign-in/throttle-message";
import { checkEmail } from "@/lib/sign-in/validation";
import { logSecurityEvent } from "@/lib/platform/audit-log";
import { validateSessionToken } from "@/lib/session/session-store";
import { KNOWN_BROWSER_COOKIE_NAME, knownBrowserIn } from "@/lib/sign-in/known-browsers";
import { readClientInfoFrom } from "@/lib/platform/request-info";
import { SESSION_COOKIE_NAME, unsealSessionToken } from "@/lib/session/session-cookie";
import { accountReference, findConfirmationWait, findSignInWait, findSignUpWait } from "@/lib/sign-in/throttle";
import { type Throttled } from "@/lib/platform/throttle-store";
import { holdBusyAnswer } from "@/lib/platform/busy-answers.mjs";

// Every form that checks a password posts to its own page. A server action cannot choose its status code, so
// the proxy answers a client that must wait with 429 and Retry-After before the action runs; the action
// refuses it too, for whatever reaches it (docs/decisions/015-throttling-password-checks.md).
// A sign-in names the account by the email typed in (and the browser, if the account knows it), a sign-up the
// client's address, and a password confirmation the session it is made in.
const SIGN_IN = "/login";
const SIGN_UP = "/signup";
// A form posted by the page's script prefixes its fields ("1_email"); a plain form post does not ("email").
const EMAIL_FIELD = /^(_?\d+_)?email$/;
const PASSWORD_FIELD = /^(_?\d+_)?(password|currentPassword)$/;

/** A 429 for a password check from a client or for an account that must wait; null otherwise. */
export async function refuseThrottledFormPost(request: NextRequest, form: FormData | null): Promise<Response | null> {
  if (request.method !== "POST" || !form) return null;
  const path = request.nextUrl.pathname;
  const client = readClientInfoFrom(request.headers);
  // With the database down the action runs and says the service is unavailable; it would refuse a wait too.
  const wait = await findWaitFor(path, form, request, client.ipAddress).catch(() => null);
  if (!wait) return null;
  logSecurityEvent("throttled-post-refused", { ...client, path, reason: `wait ${wait.retryAfterSeconds} s` });
  await holdRefusal(client.ipAddress);
  // Exactly text/plain: the app's own forms show such a body as the message (app/components/wait-boundary.tsx).
  return new Response(describeWait(wait.retryAfterSeconds), {
    status: 429,
    headers: {
      "Content-Type": "text/plain",
      "Retry-After": String(wait.retryAfterSeconds),
      "Cache-Control": "no-store",
    },
  });
}

// A client told to wait that posts again within the second, as a script in a loop does, gets its next refusal only
// when the second has passed: a person sees the wait at once, and one address in a loop costs the server about one
// refused post a second per connection, not as many as it can send. Holding costs no CPU; the hold is capped so
// that a held post is still answered well within any client's patience.
const nextRefusalAt = new Map<string, number>();
const LONGEST_HOLD_MS = 5_000;
const MOST_ADDRESSES_REMEMBERED = 10_000;

async function holdRefusal(ipAddress: string | null) {
  if (!ipAddress) return;
  const now = Date.now();
  if (nextRefusalAt.size >= MOST_ADDRESSES_REMEMBERED) forgetPastRefusals(now);
  let hold = holdBusyAnswer(nextRefusalAt, ipAddress, now);
  if (hold > LONGEST_HOLD_MS) {
    hold = LONGEST_HOLD_MS;
    nextRefusalAt.set(ipAddress, now + LONGEST_HOLD_MS);
  }
  if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
}

function forgetPastRefusals(now: number) {
  for (const [address, at] of nextRefusalAt) if (at <= now) nextRefusalAt.delete(address);
  // A flood from more addresses than that, each refused within the second: forget the earliest remembered.
  for (const address of nextRefusalAt.keys()) {
    if (nextRefusalAt.size < MOST_ADDRESSES_REMEMBERED) break;
    nextRefusalAt.delete(address);
  }
}

async function findWaitFor(
  path: string,
  form: FormData,
  request: NextRequest,
  ipAddress: string | null,
): Promise<Throttled | null> {
  if (path === SIGN_UP) return findSignUpWait(ipAddress);
  if (path === SIGN_IN) {
    const email = submittedEmail(form);
    if (!email) return null;
    const knownBrowser = await knownBrowserIn(
      request.cookies.get(KNOWN_BROWSER_COOKIE_NAME)?.value,
      accountReference(email),
    );
    return findSignInWait({ email, ipAddress, knownBrowser });
  }
  if (![...form.keys()].some((name) => PASSWORD_FIELD.test(name))) return null;
  const sessionPublicId = await findSessionPublicId(request.cookies.get(SESSION_COOKIE_NAME)?.value);
  return sessionPublicId ? findConfirmationWait(sessionPublicId) : null;
}

function submittedEmail(form: FormData): string | null {
  for (const [name, value] of form) {
    if (typeof value !== "string" || !EMAIL_FIELD.test(name)) continue;
    const email = checkEmail(value);
    return email.ok ? email.value : null;
  }
  return null;
}

/**
 * The public id of the live session a cookie belongs to, or null: for the proxy, which throttles password
 * confirmations per session before the page's action runs. It decides nothing else and counts as no activity.
 */
export async function findSessionPublicId(sealed: string | undefined): Promise<string | null> {
  const token = sealed ? await unsealSessionToken(sealed) : null;
  if (!token) return null;
  const current = await validateSessionToken(token, { activity: false });
  return current.status === "valid" ? current.session.publicId : null;
}
