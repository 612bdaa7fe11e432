import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type JsonWebKey,
  type KeyObject,
} from "node:crypto";
import { ConfigurationError } from "@/lib/platform/secrets";

export type SigningKeys = {
  /** The newest key, which signs every new access token. */
  signing: { kid: string; privateKey: KeyObject };
  /** Every configured key's public half by kid: the only keys a token can ever be checked against. */
  verifying: ReadonlyMap<string, KeyObject>;
  /** What /.well-known/jwks.json shows: public halves only. */
  published: { keys: JsonWebKey[] };
};

const KID = /^[A-Za-z0-9._-]{1,64}$/;
const EXAMPLE = '{"keys":[{"kid":"2026-11","kty":"OKP","crv":"Ed25519","x":"…","d":"…"}]}';

/**
 * The Ed25519 keys that sign access tokens for programs. `API_SIGNING_KEYS` is a JSON Web Key Set of
 * private keys, newest first: the first signs, all of them verify, so a new key can be put in front and
 * the old one removed once its last tokens have expired. `npm run signing-key` makes a new one.
 */
export function readSigningKeys(env: NodeJS.ProcessEnv = process.env): SigningKeys {
  const jwks = parseKeySet(env.API_SIGNING_KEYS);
  const verifying = new Map<string, KeyObject>();
  const published: JsonWebKey[] = [];
  let signing: SigningKeys["signing"] | undefined;
  for (const [index, jwk] of jwks.entries()) {
    const { kid, privateKey } = importPrivateKey(jwk, index);
    if (verifying.has(kid)) throw new ConfigurationError(`API_SIGNING_KEYS uses the kid "${kid}" twice.`);
    const publicKey = createPublicKey(privateKey);
    verifying.set(kid, publicKey);
    published.push({ ...publicKey.export({ format: "jwk" }), kid, alg: "EdDSA", use: "sig" });
    signing ??= { kid, privateKey };
  }
  return { signing: signing!, verifying, published: { keys: published } };
}

function parseKeySet(value: string | undefined): JsonWebKey[] {
  if (!value?.trim()) {
    throw new ConfigurationError(
      "No API signing key is configured. Set API_SIGNING_KEYS to a JSON Web Key Set of Ed25519 private keys " +
        "(`npm run signing-key` prints one). `npm run demo` generates one for local use.",
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // The message names the variable but never echoes its value: it holds private keys.
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new ConfigurationError(
      `API_SIGNING_KEYS must be a JSON Web Key Set with at least one key, such as ${EXAMPLE}.`,
    );
  }
  return keys as JsonWebKey[];
}

function importPrivateKey(jwk: JsonWebKey, index: number): { kid: string; privateKey: KeyObject } {
  const where = `API_SIGNING_KEYS key ${index + 1}`;
  const kid = (jwk as { kid?: unknown })?.kid;
  if (typeof kid !== "string" || !KID.test(kid)) {
    throw new ConfigurationError(`${where} needs a kid of 1 to 64 letters, digits, dots, dashes or underscores.`);
  }
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.d !== "string" || typeof jwk.x !== "string") {
    throw new ConfigurationError(`${where} ("${kid}") must be an Ed25519 private key (kty OKP, crv Ed25519, x and d).`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: jwk, format: "jwk" });
  } catch {
    throw new ConfigurationError(`${where} ("${kid}") is not a valid Ed25519 private key.`);
  }
  // A public half that does not belong to the private one would sign tokens nothing can verify.
  if (createPublicKey(privateKey).export({ format: "jwk" }).x !== jwk.x) {
    throw new ConfigurationError(`${where} ("${kid}"): x is not the public half of d.`);
  }
  return { kid, privateKey };
}

let cached: { source: string | undefined; keys: SigningKeys } | undefined;

/** The server's keys, read from the environment once (checked at start by lib/operations/configuration.ts). */
export function getSigningKeys(): SigningKeys {
  const source = process.env.API_SIGNING_KEYS;
  if (cached && cached.source === source) return cached.keys;
  const keys = readSigningKeys();
  cached = { source, keys };
  return keys;
}

/** A new Ed25519 private key as a JWK, named after the moment it was made so keys sort by age. */
export function generateSigningKey(now = new Date()): JsonWebKey & { kid: string } {
  const { privateKey } = generateKeyPairSync("ed25519");
  const kid = `${now.toISOString().slice(0, 19).replaceAll(":", "-")}-${randomBytes(3).toString("hex")}`;
  return { kid, ...privateKey.export({ format: "jwk" }) };
}
