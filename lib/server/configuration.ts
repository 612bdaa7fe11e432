import { readSessionCleanupSettings, readSessionPolicy } from "@/lib/session-policy";
import { readDatabaseSettings } from "./database-client";
import { readMailSettings } from "./mail";
import { readPublicOrigin } from "./public-origin";
import { readSealingSecrets } from "./secrets";
import { strictTransportSecurity } from "./security-headers";
import { readThrottleRedisUrl } from "./throttle-store";
import { readSigningKeys } from "./signing-keys";

/** Every setting the server needs, checked once at start so a mistake stops it with a clear message. */
export function checkServerConfiguration(env: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = [];
  for (const check of [
    readSealingSecrets,
    readSigningKeys,
    readSessionPolicy,
    readSessionCleanupSettings,
    readDatabaseSettings,
    readPublicOrigin,
    strictTransportSecurity,
    readMailSettings,
    readThrottleRedisUrl,
  ]) {
    try {
      check(env);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return problems;
}

/** Called when the server starts: a server with a broken configuration must not serve at all. */
export function exitOnConfigurationProblems() {
  const problems = checkServerConfiguration();
  if (problems.length === 0) return;
  console.error(`Sessionproof cannot start:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  process.exit(1);
}
