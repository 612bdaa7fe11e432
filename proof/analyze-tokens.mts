// `npm run analyze-tokens -- --help` lists the options: is this sample of session tokens random?
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateSessionToken } from "@/lib/session/session-token";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "@/scripts/usage";
import { analyzeTokens } from "./token-analysis/analyze";
import { captureSessions } from "./token-analysis/capture";
import type { TokenEncoding } from "./token-analysis/encoding";
import { renderTokenAnalysisHtml } from "./token-analysis/render-html";

const COMMAND = {
  usage: "npm run analyze-tokens -- [--url URL [--email E --password P] | --file PATH] [options]",
  about: `Is this sample of session tokens random? Writes reports/token-analysis.{json,html}; exits 1 for "not random".
  (no source)            sample the app's own token generator (the function sign-in uses)
  --url URL              capture public session ids from a running Sessionproof server over HTTP
  --email E --password P an existing account to sign in with (with --url; otherwise a throwaway one is created)
  --file PATH            one token per line, from any system
  --encoding NAME        hex, base64, base64url or base32 (detected when left out)
  --count N              how many tokens to sample or capture (default 20000)
  --min-entropy BITS     effective entropy required (default 128)`,
  options: {
    url: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    file: { type: "string" },
    encoding: { type: "string" },
    count: { type: "string", default: "20000" },
    "min-entropy": { type: "string", default: "128" },
  },
} satisfies CommandDescription;
const { values } = parseCommandLine(process.argv.slice(2), COMMAND);
const count = Number(values.count);
if (!Number.isSafeInteger(count) || count < 1)
  exitWithUsage(COMMAND, `--count must be a whole number (got "${values.count}").`);
if (!(Number(values["min-entropy"]) > 0)) exitWithUsage(COMMAND, `--min-entropy must be a positive number of bits.`);
if (values.url && values.file) exitWithUsage(COMMAND, "Give --url or --file, not both.");
if (values.encoding && !["hex", "base64", "base64url", "base32"].includes(values.encoding as string)) {
  exitWithUsage(COMMAND, `Unknown encoding "${values.encoding}".`);
}

function progress(done: number) {
  const width = 30;
  const filled = Math.round((done / count) * width);
  process.stderr.write(`\r  [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${count}`);
  if (done === count) process.stderr.write("\n");
}

async function collect(): Promise<{ tokens: string[]; source: string }> {
  if (values.file) {
    const tokens = readFileSync(values.file, "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    return { tokens, source: `Tokens from ${values.file}` };
  }
  if (values.url) {
    const credentials =
      values.email && values.password ? { email: values.email, password: values.password } : undefined;
    console.log(`Capturing ${count} public session ids from ${values.url} by signing in over HTTP...`);
    const sessions = await captureSessions(values.url, count, { credentials, onProgress: progress });
    return {
      tokens: sessions.map((session) => session.publicId),
      source: `Public session ids captured from ${values.url}`,
    };
  }
  console.log(`Sampling ${count} tokens from generateSessionToken(), the function sign-in uses...`);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    tokens.push(generateSessionToken());
    if ((i + 1) % 1000 === 0 || i + 1 === count) progress(i + 1);
  }
  return { tokens, source: "Session tokens sampled from generateSessionToken()" };
}

try {
  const { tokens, source } = await collect();
  const started = performance.now();
  const analysis = analyzeTokens(tokens, {
    encoding: values.encoding as TokenEncoding | undefined,
    minimumEntropyBits: Number(values["min-entropy"]),
  });
  const seconds = (performance.now() - started) / 1000;
  for (const check of analysis.checks)
    console.log(
      `  ${check.passed ? "pass" : "FAIL"}  ${check.name}: ${check.detail} (${check.failures} failed, ${check.allowed} allowed)`,
    );
  console.log(
    `Verdict: ${analysis.verdict} (${analysis.tokens} tokens of ${analysis.bitsPerToken} bits, analysed in ${seconds.toFixed(2)} s)`,
  );
  mkdirSync("reports", { recursive: true });
  writeFileSync(
    "reports/token-analysis.json",
    `${JSON.stringify({ source, generatedAt: new Date().toISOString(), analysis }, null, 2)}\n`,
  );
  writeFileSync("reports/token-analysis.html", renderTokenAnalysisHtml(analysis, source));
  console.log(`Report: ${path.resolve("reports/token-analysis.html")}`);
  process.exitCode = analysis.verdict === "random" ? 0 : 1;
} catch (error) {
  console.error(`The analysis could not run: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 2;
}
