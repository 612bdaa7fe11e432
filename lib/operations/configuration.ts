import { readSessionPolicy } from "@/lib/session/session-policy";
import { readSessionCleanupSettings } from "@/lib/session/cleanup-policy";
import { readDatabaseSettings } from "@/lib/platform/database-client";
import { readMailSettings } from "@/lib/activity/mail";
import { readPublicOrigin } from "@/lib/platform/public-origin";
import { readSealingSecrets } from "@/lib/platform/secrets";
import { strictTransportSecurity } from "@/lib/platform/security-headers";
import { readThrottleRedisUrl } from "@/lib/platform/throttle-store";
import { readSigningKeys } from "@/lib/programs/signing-keys";

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
