import { spawn } from "node:child_process";
import { expect, test } from "./fixtures";

/** Starts the production build with the given environment and returns how it ended. */
function startProductionServer(env: NodeJS.ProcessEnv, port: number) {
  const child = spawn(process.execPath, ["server.mjs"], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on("exit", (code) => (clearTimeout(timer), resolve({ code, output }))),
  );
}

test.describe("configuration", () => {
  // A built-in fallback secret would be a key from the code, not from the server's configuration.
  test(
    "The production server refuses to start without a configured secret, and says what to set.",
    { tag: ["@v5.0.0-9.1.3"] },
    async () => {
      const { SESSION_SECRET: _single, SESSION_SECRETS: _map, ...withoutSecrets } = process.env;
      const { code, output } = await startProductionServer({ ...withoutSecrets, NODE_ENV: "production" }, 3190);
      expect(code).toBe(1);
      expect(output).toContain("Sessionproof cannot start");
      expect(output).toContain("Set SESSION_SECRET");
    },
  );

  // The same for the keys that sign programs' access tokens: none is built in, and a broken set is named, not echoed.
  test(
    "The production server refuses to start without API signing keys, or with a broken set, and echoes no key.",
    { tag: ["@v5.0.0-9.1.3", "@r357"] },
    async () => {
      const { API_SIGNING_KEYS: _keys, ...withoutKeys } = process.env;
      const secrets = { NODE_ENV: "production" as const, SESSION_SECRETS: JSON.stringify({ 1: "s".repeat(40) }) };
      const missing = await startProductionServer({ ...withoutKeys, ...secrets }, 3192);
      expect(missing.code).toBe(1);
      expect(missing.output).toContain("No API signing key is configured. Set API_SIGNING_KEYS");

      const key = (JSON.parse(process.env.E2E_API_SIGNING_KEYS!) as { keys: { d: string }[] }).keys[0]!;
      const broken = await startProductionServer(
        { ...withoutKeys, ...secrets, API_SIGNING_KEYS: JSON.stringify({ keys: [{ ...key, kid: "../x" }] }) },
        3193,
      );
      expect(broken.code).toBe(1);
      expect(broken.output).toContain("API_SIGNING_KEYS key 1 needs a kid");
      expect(broken.output).not.toContain(key.d);
    },
  );

  test("A broken setting stops the server with a message that names it and echoes no secret.", async () => {
    const secret = "x".repeat(40);
    const { code, output } = await startProductionServer(
      {
        ...process.env,
        NODE_ENV: "production",
        SESSION_SECRETS: `{"1":"${secret}"`,
        SESSION_IDLE_TIMEOUT_SECONDS: "-1",
      },
      3191,
    );
    expect(code).toBe(1);
    expect(output).toContain("SESSION_SECRETS must be a JSON object");
    expect(output).toContain("SESSION_IDLE_TIMEOUT_SECONDS: The idle timeout must be a whole number of seconds from 5");
    expect(output).not.toContain(secret);
  });
});
