// npm run verify -- URL: the black-box part of the proof, run against a deployment (proof/verify/README.md).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describeFailure, parseCommandLine, type CommandDescription } from "@/scripts/usage";
import { describeRunForChecks } from "./run-for-checks";
import { readTlsFacts, send, type Target } from "./target";
import type { Stamp } from "./verify-report";

const command = {
  usage:
    "npm run verify -- URL [--resolve ADDRESS] [--ca FILE] [--out DIRECTORY] [--grep PATTERN] [--max-wait SECONDS]",
  about: [
    "Checks a running deployment from outside, as a browser and a program see it: cookies, tokens, sign-out and",
    "revocation, forged cookies and access tokens, requests from other sites, methods, headers and HSTS, throttling.",
    "It signs up one throwaway account and deletes it at the end; where sign-up is closed, set VERIFY_EMAIL and",
    "VERIFY_PASSWORD to an account of its own (it is not guessed at, nor deleted). Writes verify.{json,md,html}.",
    "",
    "  --resolve ADDRESS  connect to this address whatever DNS says (a test deployment's hostname)",
    "  --ca FILE          also trust this certificate authority (PEM), e.g. a local one made by mkcert",
    "  --out DIRECTORY    where the report goes (default reports/verify)",
    "  --grep PATTERN     only the checks whose titles match (the report then says it is partial)",
    "  --max-wait SECONDS wait out the deployment's idle and absolute timeouts when they end within this long",
  ].join("\n"),
  options: {
    resolve: { type: "string" },
    ca: { type: "string" },
    out: { type: "string", default: path.join("reports", "verify") },
    grep: { type: "string" },
    "max-wait": { type: "string", default: "0" },
  },
  positionals: { min: 1, max: 1 },
} satisfies CommandDescription;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function readTargetFromCommandLine(): { target: Target; outputDirectory: string; grep?: string } {
  const { values, positionals } = parseCommandLine(process.argv.slice(2), command);
  let url: URL;
  try {
    url = new URL(positionals[0]!);
  } catch {
    fail(`"${positionals[0]}" is not a URL; give the deployment's address, e.g. https://app.example.com`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
    fail(`${url.origin}: a deployment is checked over https (plain http only on localhost, for a local build).`);
  }
  if (values.ca && !existsSync(values.ca)) fail(`--ca: no such file: ${values.ca}`);
  const maxWaitSeconds = Number(values["max-wait"]);
  if (!Number.isSafeInteger(maxWaitSeconds) || maxWaitSeconds < 0 || maxWaitSeconds > 86_400) {
    fail("--max-wait takes whole seconds, from 0 (wait for no timeout) to 86400.");
  }
  return {
    target: {
      url: url.origin,
      ...(values.resolve ? { address: values.resolve } : {}),
      ...(values.ca ? { caFile: path.resolve(values.ca) } : {}),
      maxWaitSeconds,
    },
    outputDirectory: path.resolve(values.out),
    grep: values.grep,
  };
}

async function stampTarget(target: Target): Promise<Stamp> {
  const tls = await readTlsFacts(target);
  const signIn = await send(target, "/login");
  if (signIn.status !== 200) fail(`${target.url}/login answered ${signIn.status}: is this a Sessionproof deployment?`);
  const hsts = signIn.headers["strict-transport-security"];
  return {
    url: target.url,
    checkedAt: new Date().toISOString(),
    version: /<meta name="generator" content="([^"]{1,100})"/.exec(signIn.text)?.[1] ?? null,
    tls,
    hsts: typeof hsts === "string" ? hsts : null,
    account: process.env.VERIFY_EMAIL && process.env.VERIFY_PASSWORD ? "given" : "throwaway",
  };
}

const { target, outputDirectory, grep } = readTargetFromCommandLine();
let stamp: Stamp;
try {
  stamp = await stampTarget(target);
} catch (error) {
  fail(`Cannot reach ${target.url}: ${describeFailure(error)}`);
}
if (stamp.tls && !stamp.tls.trusted) {
  console.warn(
    `The certificate of ${target.url} is not trusted (${stamp.tls.problem}); browser checks will fail. --ca adds an authority.`,
  );
}
console.log(`Checking ${target.url} (${stamp.version ?? "no version reported"}) from outside...`);
const checks = [
  "playwright",
  "test",
  "--config",
  "proof/verify/playwright.config.ts",
  ...(grep ? ["--grep", grep] : []),
];
const run = spawnSync("npx", checks, {
  stdio: "inherit",
  env: {
    ...process.env,
    ...describeRunForChecks({ target, stamp, outputDirectory, filter: grep ?? null }),
  },
});
process.exit(run.status ?? 1);
