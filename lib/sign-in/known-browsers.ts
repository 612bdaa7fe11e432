import "server-only";
import { randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { cookies } from "next/headers";
import { THROTTLE_POLICY } from "@/lib/sign-in/throttle-policy";
import { readSealingSecrets } from "@/lib/platform/secrets";

// The only module that reads or writes the known-browser cookie: which accounts this browser has signed in to
// before (OWASP's "device cookies"). It opens no session and proves nothing on its own; it only lets the
// throttle count this browser's wrong passwords apart from everyone else's, so that a stranger who locks an
// account out does not lock out its owner (docs/decisions/025-no-lockout-of-owners.md).
export const KNOWN_BROWSER_COOKIE_NAME = "__Host-known-browser";

// Strict: the cookie only matters on the app's own sign-in form, never on a request another site starts.
const COOKIE_ATTRIBUTES = { httpOnly: true, secure: true, sameSite: "strict", path: "/" } as const;
const LIFETIME_SECONDS = THROTTLE_POLICY.knownBrowserDays * 24 * 3600;
const BROWSER_ID = /^[A-Za-z0-9_-]{22}$/;
const ACCOUNT_REFERENCE = /^[0-9a-f]{16}$/;

/** The sealed content: a random id for this browser, and the accounts (by their throttle reference) it knows. */
type KnownBrowser = { b: string; a: string[] };

/**
 * This browser's id when it has signed in to the account before, from this request's cookie; null otherwise.
 * `accountRef` is the account's throttle reference (a keyed hash of its email).
 */
export async function findKnownBrowser(accountRef: string): Promise<string | null> {
  return knownBrowserIn((await cookies()).get(KNOWN_BROWSER_COOKIE_NAME)?.value, accountRef);
}

/** The same answer for a cookie value read elsewhere (the proxy). */
export async function knownBrowserIn(sealed: string | undefined, accountRef: string): Promise<string | null> {
  const known = await openKnownBrowser(sealed);
  return known?.a.includes(accountRef) ? known.b : null;
}

/** After a right password: this browser is known to the account, for the policy's number of days from now. */
export async function rememberBrowser(accountRef: string) {
  const jar = await cookies();
  const known = await openKnownBrowser(jar.get(KNOWN_BROWSER_COOKIE_NAME)?.value);
  const accounts = [accountRef, ...(known?.a ?? []).filter((ref) => ref !== accountRef)];
  const content: KnownBrowser = {
    b: known?.b ?? randomBytes(16).toString("base64url"),
    a: accounts.slice(0, THROTTLE_POLICY.accountsPerKnownBrowser),
  };
  const sealed = await sealData(content, { password: readSealingSecrets(), ttl: LIFETIME_SECONDS });
  jar.set(KNOWN_BROWSER_COOKIE_NAME, sealed, { ...COOKIE_ATTRIBUTES, maxAge: LIFETIME_SECONDS });
}

async function openKnownBrowser(sealed: string | undefined): Promise<KnownBrowser | null> {
  if (!sealed || sealed.length > 1024) return null;
  try {
    const content = await unsealData<Partial<KnownBrowser>>(sealed, { password: readSealingSecrets() });
    const { b, a } = content;
    if (typeof b !== "string" || !BROWSER_ID.test(b) || !Array.isArray(a)) return null;
    if (a.length > THROTTLE_POLICY.accountsPerKnownBrowser || !a.every((ref) => ACCOUNT_REFERENCE.test(ref))) {
      return null;
    }
    return { b, a };
  } catch {
    // A seal that does not open (another deployment's, tampered, malformed) is no known browser.
    return null;
  }
}
