import { createHmac } from "node:crypto";

// iron-session refuses shorter secrets; 32 random characters is well over 128 bits.
const MIN_SECRET_LENGTH = 32;

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

/**
 * The secrets that seal session cookies, by id. The highest id seals new cookies; every id opens
 * existing ones, so a new secret can be added before the old one is retired.
 * `SESSION_SECRETS` is a JSON map such as {"2":"new…","1":"old…"}; `SESSION_SECRET` is one secret.
 */
export function readSealingSecrets(env: NodeJS.ProcessEnv = process.env): Record<number, string> {
  const secrets = parseSecrets(env);
  const ids = Object.keys(secrets);
  if (ids.length === 0) {
    throw new ConfigurationError(
      "No session secret is configured. Set SESSION_SECRET to a random string of at least 32 characters " +
        "(for example: openssl rand -base64 32), or SESSION_SECRETS to a JSON map of them for rotation. " +
        "`npm run demo` generates one for local use.",
    );
  }
  for (const id of ids) {
    if (!/^[1-9][0-9]*$/.test(id))
      throw new ConfigurationError(`SESSION_SECRETS keys must be positive integers (got "${id}").`);
    const secret = secrets[Number(id)];
    if (typeof secret !== "string" || secret.length < MIN_SECRET_LENGTH) {
      throw new ConfigurationError(
        `Session secret ${id} must be a string of at least ${MIN_SECRET_LENGTH} characters.`,
      );
    }
  }
  return secrets;
}

/**
 * A key for one purpose (log references, user codes), derived from the newest sealing secret: nothing beyond the
 * configured secrets needs keeping, and one purpose's key says nothing about another's.
 */
export function deriveKeyFromSecret(purpose: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const secrets = readSealingSecrets(env);
  const newest = secrets[Math.max(...Object.keys(secrets).map(Number))]!;
  return createHmac("sha256", newest).update(`sessionproof ${purpose}`).digest();
}

function parseSecrets(env: NodeJS.ProcessEnv): Record<number, string> {
  const map = env.SESSION_SECRETS?.trim();
  if (map) {
    try {
      const parsed: unknown = JSON.parse(map);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<number, string>;
    } catch {
      // fall through to the error below, which names the variable but never echoes its value
    }
    throw new ConfigurationError('SESSION_SECRETS must be a JSON object such as {"1":"<at least 32 characters>"}.');
  }
  const single = env.SESSION_SECRET?.trim();
  return single ? { 1: single } : {};
}
