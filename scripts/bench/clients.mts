// What the benchmarks' clients do over HTTP: sign up and in as a browser without JavaScript would, and keep
// wrong-password sign-ins coming as a botnet would.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { fetchHiddenFormFields } from "@/e2e/forms";

export async function postForm(base: string, pagePath: string, fields: Record<string, string>, address: string) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return fetch(`${base}${pagePath}`, {
    method: "POST",
    body,
    headers: { Origin: base, "X-Forwarded-For": address },
    redirect: "manual",
  });
}

/** A fresh address in 198.18.0.0/15, the benchmarking range. */
export function randomAddress() {
  const [a, b] = randomBytes(2);
  return `198.${18 + (a! & 1)}.${b}.${1 + (a! >> 1)}`;
}

export function sessionCookieFrom(response: Response): string | null {
  const sealed = response.headers
    .getSetCookie()
    .find((header) => header.startsWith("__Host-session=") && !header.startsWith("__Host-session=;"));
  return sealed ? sealed.slice(0, sealed.indexOf(";")) : null;
}

/** A new account; its session cookie as a Cookie header value. */
export async function signUp(base: string, email: string, password: string): Promise<string> {
  const fields = await fetchHiddenFormFields(base, "/signup");
  const response = await postForm(
    base,
    "/signup",
    { ...fields, email, password, confirmPassword: password },
    randomAddress(),
  );
  const cookie = sessionCookieFrom(response);
  if (!cookie) throw new Error(`Signing up did not start a session (HTTP ${response.status}).`);
  return cookie;
}

export type FloodCounts = {
  checked: number;
  busy: number;
  throttled: number;
  refusedEarly: number;
  other: number;
  checkedLatencies: number[];
};

/** The one address a single attacker's attempts come from, in the benchmarking range. */
const ONE_ATTACKER = "198.18.0.1";

/**
 * `clients` loops posting wrong passwords through the sign-in form: for `email` from one address, or, when it is
 * null, for unknown emails, each attempt from an address of its own.
 */
export function startFlood(base: string, loginFields: Record<string, string>, clients: number, email: string | null) {
  let running = true;
  let markWarmedUp: () => void = () => {};
  const warmedUp = new Promise<void>((resolve) => (markWarmedUp = resolve));
  const counts: FloodCounts = { checked: 0, busy: 0, throttled: 0, refusedEarly: 0, other: 0, checkedLatencies: [] };
  const started = performance.now();
  const signInLoop = async () => {
    while (running) {
      const start = performance.now();
      const response = await postForm(
        base,
        "/login",
        {
          ...loginFields,
          email: email ?? `flood-${randomBytes(6).toString("hex")}@example.test`,
          password: "wrong guess",
        },
        email ? ONE_ATTACKER : randomAddress(),
      );
      const page = await response.text();
      if (page.includes("Incorrect email or password.")) {
        counts.checked++;
        counts.checkedLatencies.push(performance.now() - start);
      } else if (page.includes("Too many people are signing in right now")) {
        counts.busy++;
        if (response.status === 503) counts.refusedEarly++;
      } else if (page.includes("Too many attempts.")) counts.throttled++;
      else counts.other++;
      if (counts.checked + counts.busy + counts.throttled >= clients) markWarmedUp();
    }
  };
  const loops = Array.from({ length: clients }, signInLoop);
  return {
    warmedUp,
    async stop() {
      running = false;
      await Promise.all(loops);
      return { ...counts, elapsedMs: performance.now() - started };
    },
  };
}

export function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * p)] ?? NaN;
}
