// npm run verify:tls: the production build behind a real TLS-terminating proxy (Debian's nginx), on a hostname of
// its own with a certificate from a local authority (mkcert), and `npm run verify` against it. What only a
// deployment shows: HSTS over HTTPS, the __Host- cookie over real TLS, the client address from the proxy.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { generateSigningKey } from "@/lib/programs/signing-keys";
import { readTlsFacts, send, type Target } from "./target";

const HOSTNAME = "app.sessionproof.test";
const PROXY_PORT = 8443;
const APP_PORT = 3110;
const DIRECTORY = path.resolve("test-results", "behind-tls");
const PUBLIC_ORIGIN = `https://${HOSTNAME}:${PROXY_PORT}`;

function requireTool(name: string, debianPackage: string) {
  if (spawnSync("sh", ["-c", `command -v ${name}`]).status !== 0) {
    console.error(`npm run verify:tls needs ${name}: apt-get install ${debianPackage}`);
    process.exit(2);
  }
}

function makeCertificate() {
  const env = { ...process.env, CAROOT: path.join(DIRECTORY, "ca") };
  const made = spawnSync(
    "mkcert",
    ["-cert-file", path.join(DIRECTORY, "cert.pem"), "-key-file", path.join(DIRECTORY, "key.pem"), HOSTNAME],
    { env, encoding: "utf8" },
  );
  if (made.status !== 0) throw new Error(`mkcert failed: ${made.stderr}`);
  return path.join(DIRECTORY, "ca", "rootCA.pem");
}

function writeProxyConfig() {
  const values: Record<string, string> = {
    directory: DIRECTORY,
    listen: `127.0.0.1:${PROXY_PORT}`,
    hostname: HOSTNAME,
    certificate: path.join(DIRECTORY, "cert.pem"),
    key: path.join(DIRECTORY, "key.pem"),
    appPort: String(APP_PORT),
  };
  const template = readFileSync(path.join(import.meta.dirname, "nginx.conf"), "utf8");
  const file = path.join(DIRECTORY, "nginx.conf");
  writeFileSync(
    file,
    template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name]!),
  );
  return file;
}

async function waitUntil(what: string, ready: () => Promise<boolean>, child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before it was ready.`);
    if (await ready().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} was not ready within 120 s.`);
}

requireTool("nginx", "nginx");
requireTool("mkcert", "mkcert");
rmSync(DIRECTORY, { recursive: true, force: true });
mkdirSync(DIRECTORY, { recursive: true });
const caFile = makeCertificate();

const app = spawn("npx", ["tsx", "e2e/serve-for-tests.mts", "behind-tls", String(APP_PORT)], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    PUBLIC_ORIGIN,
    TRUSTED_PROXY_COUNT: "1",
    SESSION_SECRETS: JSON.stringify({ 1: randomBytes(32).toString("base64url") }),
    API_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
  },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
const proxy = spawn("nginx", ["-p", DIRECTORY, "-c", writeProxyConfig(), "-g", "daemon off;"], { stdio: "inherit" });
const stop = () => {
  if (app.exitCode === null) process.kill(-app.pid!, "SIGTERM");
  if (proxy.exitCode === null) proxy.kill("SIGTERM");
};
process.on("exit", stop);

let status = 1;
try {
  const target: Target = { url: PUBLIC_ORIGIN, address: "127.0.0.1", caFile };
  await waitUntil(
    "The app",
    async () => (await send({ url: `http://127.0.0.1:${APP_PORT}` }, "/login")).status === 200,
    app,
  );
  await waitUntil("nginx", async () => (await readTlsFacts(target))?.trusted === true, proxy);
  const verify = spawnSync(
    "npx",
    [
      "tsx",
      "proof/verify/run.mts",
      PUBLIC_ORIGIN,
      "--resolve",
      "127.0.0.1",
      "--ca",
      caFile,
      "--out",
      "reports/verify-behind-tls",
    ],
    { stdio: "inherit" },
  );
  status = verify.status ?? 1;
} finally {
  stop();
}
process.exit(status);
