import { randomBytes } from "node:crypto";

// The secrets a program holds: refresh tokens and device codes. Each has a generator of its own, so that no
// change to how sessions mint tokens changes them unseen. They take the session token's shape on purpose (256
// bits, base64url), so the same hash and the same one-spelling check apply to all three.
export { hashSessionToken as hashProgramSecret } from "@/lib/session/session-token";
export { isWellFormedSessionToken as isWellFormedProgramSecret } from "@/lib/session/session-token";

// 256 bits from the operating system's CSPRNG, as for sessions: a refresh token is a session of its own.
const SECRET_BYTES = 32;

export function generateRefreshToken(): string {
  return generateProgramSecret();
}

export function generateDeviceCode(): string {
  return generateProgramSecret();
}

function generateProgramSecret(): string {
  return randomBytes(SECRET_BYTES).toString("base64url");
}
