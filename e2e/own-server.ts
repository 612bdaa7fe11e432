import { spawn } from "node:child_process";
import { once } from "node:events";
import { request } from "@playwright/test";
import { SESSION_COOKIE, expect } from "./fixtures";

/**
 * A production server of one test's own, for drills that restart it with new secrets or keys as an
 * operator would. The first start gets a fresh database; `keepDatabase` restarts on the same one.
 */
export async function startOwnServer(
  name: string,
  port: number,
  env: Record<string, string>,
  { keepDatabase }: { keepDatabase: boolean },
) {
  const args = ["tsx", "e2e/serve-for-tests.mts", name, String(port), ...(keepDatabase ? ["--keep-database"] : [])];
  const child = spawn("npx", args, {
    env: {
      ...process.env,
      SESSION_SECRETS: JSON.stringify({ 1: process.env.E2E_SESSION_SECRET }),
      API_SIGNING_KEYS: process.env.E2E_API_SIGNING_KEYS,
      ...env,
    },
    stdio: "ignore",
    detached: true,
  });
  const exited = once(child, "exit");
  const baseURL = `http://localhost:${port}`;
  const probe = await request.newContext({ baseURL });
  await expect.poll(async () => (await probe.get("/login").catch(() => null))?.status(), { timeout: 90_000 }).toBe(200);
  await probe.dispose();
  return {
    baseURL,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}

/** What `GET /api/session` at this server answers a request that carries only the given session cookie. */
export async function askSession(baseURL: string, cookie: string) {
  const client = await request.newContext({ baseURL });
  const response = await client.get("/api/session", { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
  const answer = { status: response.status(), body: response.ok() ? await response.json() : null };
  await client.dispose();
  return answer;
}
