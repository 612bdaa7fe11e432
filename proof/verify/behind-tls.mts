// npm run verify:tls [-- --weak]: the production build behind a real TLS-terminating proxy (Debian's nginx), on a
// hostname of its own with a certificate from a local authority (mkcert), and `npm run verify` against it. What
// only a deployment shows: HSTS over HTTPS, the __Host- cookie over real TLS, the client address from the proxy.
// With --weak, the same app behind each deployment of proof/verify/deployments.ts that is broken on purpose: each
// report must name the requirements that deployment breaks.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { generateSigningKey } from "@/lib/programs/signing-keys";
import { parseCommandLine, type CommandDescription } from "@/scripts/usage";
import { TEST_SERVERS } from "@/e2e/test-servers";
import { DEPLOYMENT_RESULTS_FILE } from "@/proof/reporters/unit-results";
import { DEPLOYMENTS, type DeploymentName } from "./deployments";
import { readTlsFacts, send, type Target } from "./target";
import type { VerifyReport } from "./verify-report";

const command = {
  usage: "npm run verify:tls [-- --weak] [--skip-without-tools]",
  about:
    "Serves the production build behind nginx with TLS at https://app.sessionproof.test:8443 and runs npm run verify\nagainst it; --weak also against deployments broken on purpose, expecting each report to name what it breaks.\n--skip-without-tools: without nginx or mkcert, say so and stop (npm run e2e: the report then leaves the\ndeployment's requirements claimed, not proven).",
  options: { weak: { type: "boolean", default: false }, "skip-without-tools": { type: "boolean", default: false } },
} satisfies CommandDescription;

const HOSTNAME = "app.sessionproof.test";
const PROXY_PORT = 8443;
const APP_PORT = 3110;
// A second instance of the build, with timeouts short enough for verify to wait them out (--max-wait).
const SHORT_TIMEOUTS_PORT = 3111;
const SHORT_TIMEOUTS_WAIT_SECONDS = 60;
const DIRECTORY = path.resolve("test-results", "behind-tls");
const REPORTS = path.resolve("reports", "verify-behind-tls");
const PUBLIC_ORIGIN = `https://${HOSTNAME}:${PROXY_PORT}`;

function requireTool(name: string, debianPackage: string, skipWithout: boolean) {
  if (spawnSync("sh", ["-c", `command -v ${name}`]).status === 0) return;
  const advice = `npm run verify:tls needs ${name}: apt-get install ${debianPackage}`;
  if (!skipWithout) {
    console.error(advice);
    process.exit(2);
  }
  console.log(`Skipped the checks behind a TLS proxy. ${advice}`);
  process.exit(0);
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

function writeProxyConfig(name: DeploymentName, appPort: number) {
  const values: Record<string, string> = {
    directory: DIRECTORY,
    listen: `127.0.0.1:${PROXY_PORT}`,
    hostname: HOSTNAME,
    certificate: path.join(DIRECTORY, "cert.pem"),
    key: path.join(DIRECTORY, "key.pem"),
    appPort: String(appPort),
  };
  const template = readFileSync(path.join(import.meta.dirname, "nginx.conf"), "utf8");
  const file = path.join(DIRECTORY, `nginx-${name}-${appPort}.conf`);
  writeFileSync(
    file,
    DEPLOYMENTS[name].configure(template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key]!)),
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

function startApp(name: string, port: number, env: Record<string, string> = {}) {
  return spawn("npx", ["tsx", "e2e/serve-for-tests.mts", name, String(port)], {
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      PUBLIC_ORIGIN,
      TRUSTED_PROXY_COUNT: "1",
      SESSION_SECRETS: JSON.stringify({ 1: randomBytes(32).toString("base64url") }),
      API_SIGNING_KEYS: JSON.stringify({ keys: [generateSigningKey()] }),
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
}

type Run = { appPort: number; out: string; checks?: string; verifyArgs?: string[] };

/** Puts nginx in front as `name` configures it, runs verify through it, and returns verify's report. */
async function verifyBehind(
  name: DeploymentName,
  target: Target,
  run: Run = {
    appPort: APP_PORT,
    out: path.join(REPORTS, name),
    checks: (DEPLOYMENTS[name] as { checks?: string }).checks,
  },
): Promise<{ status: number; report: VerifyReport }> {
  const proxy = spawn("nginx", ["-p", DIRECTORY, "-c", writeProxyConfig(name, run.appPort), "-g", "daemon off;"], {
    stdio: "inherit",
  });
  try {
    await waitUntil(`nginx (${name})`, async () => (await readTlsFacts(target))?.trusted === true, proxy);
    const { checks, out } = run;
    const args = [
      PUBLIC_ORIGIN,
      "--resolve",
      target.address!,
      "--ca",
      target.caFile!,
      "--out",
      out,
      ...(run.verifyArgs ?? []),
    ];
    console.log(`\nBehind nginx, ${name}: ${DEPLOYMENTS[name].about}.`);
    const verify = spawnSync("npx", ["tsx", "proof/verify/run.mts", ...args, ...(checks ? ["--grep", checks] : [])], {
      stdio: "inherit",
      // Only the sound deployment speaks for the build in its own report.
      env: {
        ...process.env,
        ...(name === "sound" && run.appPort === APP_PORT ? { VERIFY_DEPLOYMENT_RESULTS: DEPLOYMENT_RESULTS_FILE } : {}),
      },
    });
    return { status: verify.status ?? 1, report: JSON.parse(readFileSync(path.join(out, "verify.json"), "utf8")) };
  } finally {
    proxy.kill("SIGTERM");
    if (proxy.exitCode === null) await new Promise((resolve) => proxy.once("exit", resolve));
  }
}

/** What a weak deployment's report should have said and did not: each requirement it breaks, named as failing. */
function missedBreaks(name: DeploymentName, report: VerifyReport) {
  return DEPLOYMENTS[name].breaks.filter(
    (id) => report.requirements.find((requirement) => requirement.id === id)?.status !== "fails",
  );
}

const { values } = parseCommandLine(process.argv.slice(2), command);
requireTool("nginx", "nginx", values["skip-without-tools"]);
requireTool("mkcert", "mkcert", values["skip-without-tools"]);
rmSync(DEPLOYMENT_RESULTS_FILE, { force: true });
rmSync(DIRECTORY, { recursive: true, force: true });
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(DIRECTORY, { recursive: true });
const target: Target = { url: PUBLIC_ORIGIN, address: "127.0.0.1", caFile: makeCertificate() };
const app = startApp("behind-tls", APP_PORT);
const shortTimeouts = startApp("behind-tls-timeouts", SHORT_TIMEOUTS_PORT, TEST_SERVERS.timeouts.env);
const stopApp = () => {
  for (const child of [app, shortTimeouts]) if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
};
process.on("exit", stopApp);

const failures: string[] = [];
try {
  await waitUntil(
    "The app",
    async () => (await send({ url: `http://127.0.0.1:${APP_PORT}` }, "/login")).status === 200,
    app,
  );
  const sound = await verifyBehind("sound", target);
  if (sound.status !== 0) failures.push("The sound deployment did not pass every check.");
  await waitUntil(
    "The app with short timeouts",
    async () => (await send({ url: `http://127.0.0.1:${SHORT_TIMEOUTS_PORT}` }, "/login")).status === 200,
    shortTimeouts,
  );
  const timeouts = await verifyBehind("sound", target, {
    appPort: SHORT_TIMEOUTS_PORT,
    out: path.join(REPORTS, "short-timeouts"),
    checks: "ends at its|confirmation window",
    verifyArgs: ["--max-wait", String(SHORT_TIMEOUTS_WAIT_SECONDS)],
  });
  const waitedOut = timeouts.report.requirements.filter(({ id }) =>
    ["v5.0.0-7.3.1", "v5.0.0-7.3.2", "v5.0.0-7.5.3"].includes(id),
  );
  if (timeouts.status !== 0 || waitedOut.some(({ status }) => status !== "holds")) {
    failures.push(
      "Behind the sound proxy, the instance with short timeouts did not show both timeouts and the confirmation window holding.",
    );
  }
  const weak = values.weak ? (Object.keys(DEPLOYMENTS) as DeploymentName[]).filter((name) => name !== "sound") : [];
  for (const name of weak) {
    const missed = missedBreaks(name, (await verifyBehind(name, target)).report);
    if (missed.length > 0)
      failures.push(`Behind the ${name} deployment, the report did not name ${missed.join(", ")} as failing.`);
    else console.log(`  As expected, ${name} breaks ${DEPLOYMENTS[name].breaks.join(", ")}.`);
  }
} finally {
  stopApp();
}
for (const failure of failures) console.error(failure);
process.exit(failures.length > 0 ? 1 : 0);
