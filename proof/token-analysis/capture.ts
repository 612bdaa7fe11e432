// Collects sessions from a running Sessionproof server the way an outside tester would: by submitting the
// sign-up and sign-in forms over HTTP (as a browser without JavaScript does) and reading /api/session.
import { fetchHiddenFormFields } from "@/e2e/forms";

export type CapturedSession = { publicId: string; cookie: string };
type Credentials = { email: string; password: string };

async function submitForm(
  baseUrl: string,
  path: string,
  hiddenFields: Record<string, string>,
  fields: Record<string, string>,
): Promise<string> {
  const body = new FormData();
  for (const [name, value] of Object.entries({ ...hiddenFields, ...fields })) body.append(name, value);
  const response = await fetch(new URL(path, baseUrl), {
    method: "POST",
    body,
    headers: { Origin: new URL(baseUrl).origin },
    redirect: "manual",
  });
  const cookie = response.headers
    .getSetCookie()
    .find((header) => header.startsWith("__Host-session=") && !header.startsWith("__Host-session=;"));
  if (!cookie)
    throw new Error(
      `Submitting ${path} did not start a session (HTTP ${response.status}). Check the URL and credentials.`,
    );
  return cookie.slice("__Host-session=".length, cookie.indexOf(";"));
}

/** The session's public id; null when it has already ended. */
async function publicIdOf(baseUrl: string, cookie: string): Promise<string | null> {
  const response = await fetch(new URL("/api/session", baseUrl), { headers: { cookie: `__Host-session=${cookie}` } });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`/api/session answered ${response.status}.`);
  return (await response.json()).session.publicId;
}

// Below the per-user limit no sign-in ends a session not yet read, on one instance. Across several instances of
// a deployment the clocks may differ, so a sign-in can look older than one before it and be ended first; such a
// session is replaced by another sign-in, and only when that keeps happening is the concurrency too high.
const REPLACEMENTS_IN_A_ROW = 5;

/** Signs up one throwaway account unless credentials are given, then signs in `count` times. */
export async function captureSessions(
  baseUrl: string,
  count: number,
  {
    credentials,
    concurrency = 4,
    onProgress,
  }: { credentials?: Credentials; concurrency?: number; onProgress?: (done: number) => void } = {},
): Promise<CapturedSession[]> {
  let account = credentials;
  if (!account) {
    account = {
      email: `token-analysis-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`,
      password: `analysis-${Math.random().toString(36).slice(2)}-password`,
    };
    await submitForm(baseUrl, "/signup", await fetchHiddenFormFields(baseUrl, "/signup"), {
      email: account.email,
      password: account.password,
      confirmPassword: account.password,
    });
  }
  // Read once: the hidden fields name the server action, the same for every visitor of one build, so every
  // sign-in posts the same form, as a tester replaying one recorded sign-in would.
  const signInForm = await fetchHiddenFormFields(baseUrl, "/login");
  const captured: CapturedSession[] = [];
  let next = 0;
  const worker = async () => {
    let endedInARow = 0;
    while (next < count) {
      next++;
      const cookie = await submitForm(baseUrl, "/login", signInForm, {
        email: account.email,
        password: account.password,
      });
      const publicId = await publicIdOf(baseUrl, cookie);
      if (publicId === null) {
        if (++endedInARow > REPLACEMENTS_IN_A_ROW) {
          throw new Error(
            "Sessions keep ending before they can be read: lower the concurrency below the per-user limit.",
          );
        }
        next--;
        continue;
      }
      endedInARow = 0;
      captured.push({ cookie, publicId });
      onProgress?.(captured.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return captured;
}
