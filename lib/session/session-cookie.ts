import "server-only";
import { sealData, unsealData } from "iron-session";
import { cookies } from "next/headers";
import { readSealingSecrets } from "@/lib/platform/secrets";
import { isWellFormedSessionToken } from "@/lib/session/session-token";

// The only module that reads or writes the session cookie.
// `__Host-` makes the browser insist on Secure, Path=/ and no Domain: the cookie stays on this exact host.
export const SESSION_COOKIE_NAME = "__Host-session";

// Lax, not Strict: a link into the app from another site (an email, a bookmark tool) arrives signed in,
// while cross-site POSTs and embedded requests never carry the cookie. See docs/decisions/002-samesite-lax.md.
const COOKIE_ATTRIBUTES = { httpOnly: true, secure: true, sameSite: "lax", path: "/" } as const;

type SealedPayload = { t?: unknown };

// Exactly one iron seal as iron-session 8 writes it: prefix, secret id, salt, iv, ciphertext, expiry, salt, MAC, version.
// iron-session itself ignores anything after "~2", so a seal with extra parts appended would otherwise pass.
const B64 = "[A-Za-z0-9_-]+";
const SEAL_SHAPE = new RegExp(`^Fe26\\.2\\*[1-9][0-9]*\\*${B64}\\*${B64}\\*${B64}\\*[0-9]*\\*${B64}\\*${B64}~2$`);

export async function sealSessionToken(token: string, lifetimeSeconds: number, secrets = currentSecrets()) {
  return sealData({ t: token } satisfies SealedPayload, { password: secrets, ttl: lifetimeSeconds });
}

// Opening a seal derives keys and checks an HMAC on every request, most of what a signed-in request costs
// beyond a bare one. A seal that opened once opens to the same token until it expires, so that answer is kept
// for the exact cookie value and the secrets it was opened with. Only seals that opened are kept, so made-up
// cookies cannot fill it, and the count is bounded. The database still decides every request: ending a
// session takes effect at once whatever is kept here.
export const OPENED_SEALS_LIMIT = 10_000;
type SealingSecrets = Record<number, string>;
const openedSeals = new Map<string, { token: string; expiresAt: number; secrets: SealingSecrets }>();

/** Any cookie that does not open to a well-formed token means "anonymous", never an error. */
export async function unsealSessionToken(sealed: string, secrets = currentSecrets()): Promise<string | null> {
  return recallOrOpenSeal(sealed, secrets);
}

/** The answer at once for a seal kept or one that cannot open; a promise only when the seal must be opened. */
function recallOrOpenSeal(sealed: string, secrets: SealingSecrets): string | null | Promise<string | null> {
  const known = answerWithoutOpening(sealed, secrets);
  return known !== undefined ? known : openAndKeepSeal(sealed, secrets);
}

/** The token for a seal kept, null for one that cannot open; undefined when only opening it can tell. */
function answerWithoutOpening(sealed: string, secrets: SealingSecrets): string | null | undefined {
  const opened = openedSeals.get(sealed);
  if (opened) {
    openedSeals.delete(sealed);
    if (opened.secrets === secrets && Date.now() < opened.expiresAt) {
      openedSeals.set(sealed, opened); // kept as the most recently used
      return opened.token;
    }
  }
  // Only seals that opened are kept, so the shape needs checking only on the way to opening one.
  return SEAL_SHAPE.test(sealed) ? undefined : null;
}

async function openAndKeepSeal(sealed: string, secrets: SealingSecrets): Promise<string | null> {
  const token = await openSeal(sealed, secrets);
  if (token) keepOpenedSeal(sealed, token, secrets);
  return token;
}

async function openSeal(sealed: string, secrets: SealingSecrets): Promise<string | null> {
  try {
    const payload = await unsealData<SealedPayload>(sealed, { password: secrets });
    return isWellFormedSessionToken(payload.t) ? payload.t : null;
  } catch {
    // iron-session rethrows some malformed-seal errors (wrong prefix, bad expiry field).
    return null;
  }
}

function keepOpenedSeal(sealed: string, token: string, secrets: SealingSecrets) {
  // The seal's own expiry, in milliseconds, is its sixth field; a seal without one is kept until pushed out.
  const expiry = Number(sealed.split("*")[5]);
  openedSeals.delete(sealed);
  openedSeals.set(sealed, { token, expiresAt: expiry > 0 ? expiry : Infinity, secrets });
  if (openedSeals.size > OPENED_SEALS_LIMIT) openedSeals.delete(openedSeals.keys().next().value!);
}

// The secrets as configured, parsed and checked again only when the environment's value changes; the same
// object until then, which is how a kept seal knows it was opened with the secrets in force.
let configured: { source: string; secrets: SealingSecrets } | undefined;

function currentSecrets(): SealingSecrets {
  const source = `${process.env.SESSION_SECRETS ?? ""}\n${process.env.SESSION_SECRET ?? ""}`;
  if (configured?.source !== source) configured = { source, secrets: readSealingSecrets() };
  return configured.secrets;
}

/** What readSessionToken returns for a cookie that is there but does not open to a token. */
export const REFUSED = Symbol("refused session cookie");

/**
 * The token in this request's cookie; null without one, REFUSED for one that does not open. A seal kept is
 * answered without waiting, so a signed-in request takes as many turns as a signed-out one (decision 022).
 */
export async function readSessionToken(): Promise<string | typeof REFUSED | null> {
  const sealed = (await cookies()).get(SESSION_COOKIE_NAME)?.value;
  if (!sealed) return null;
  const opened = recallOrOpenSeal(sealed, currentSecrets());
  return (opened instanceof Promise ? await opened : opened) ?? REFUSED;
}

/**
 * The cookie lives as long as the session's absolute limit, rounded up to the second, so that until the
 * browser drops it the server can still say why the session ended. The database decides either way.
 */
export async function setSessionCookie(token: string, expiresAt: Date) {
  const lifetimeSeconds = Math.max(1, Math.ceil((expiresAt.getTime() - Date.now()) / 1000));
  const sealed = await sealSessionToken(token, lifetimeSeconds);
  (await cookies()).set(SESSION_COOKIE_NAME, sealed, { ...COOKIE_ATTRIBUTES, maxAge: lifetimeSeconds });
}

export async function deleteSessionCookie() {
  // cookies().delete() would drop Secure, and browsers ignore a __Host- cookie without it.
  (await cookies()).set(SESSION_COOKIE_NAME, "", { ...COOKIE_ATTRIBUTES, maxAge: 0 });
}
