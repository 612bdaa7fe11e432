// Tokens as text in, bits out.

export type TokenEncoding = "hex" | "base64" | "base64url" | "base32";

const SHAPES: [TokenEncoding, RegExp][] = [
  ["hex", /^[0-9a-fA-F]+$/],
  ["base32", /^[A-Z2-7]+=*$/],
  ["base64url", /^[A-Za-z0-9_-]+$/],
  ["base64", /^[A-Za-z0-9+/]+=*$/],
];
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** The narrowest encoding every token fits. */
export function detectEncoding(tokens: string[]): TokenEncoding {
  for (const [encoding, shape] of SHAPES) if (tokens.every((token) => shape.test(token))) return encoding;
  throw new Error("The tokens are not all hex, base32, base64 or base64url; name the encoding with --encoding.");
}

export function decodeToken(token: string, encoding: TokenEncoding): Uint8Array {
  if (encoding === "hex") return Buffer.from(token, "hex");
  if (encoding === "base64" || encoding === "base64url") return Buffer.from(token, encoding);
  const bits: number[] = [];
  for (const character of token.replace(/=+$/, "")) {
    const value = BASE32.indexOf(character);
    if (value < 0) throw new Error(`"${character}" is not base32.`);
    for (let shift = 4; shift >= 0; shift--) bits.push((value >> shift) & 1);
  }
  const bytes = new Uint8Array(Math.floor(bits.length / 8));
  for (let i = 0; i < bytes.length * 8; i++) bytes[i >> 3]! |= bits[i]! << (7 - (i & 7));
  return bytes;
}

/** One row of bits per token, all cut to the shortest token's length. */
export function toBitMatrix(decoded: Uint8Array[]) {
  const bitsPerToken = Math.min(...decoded.map((bytes) => bytes.length * 8));
  const bits = new Uint8Array(decoded.length * bitsPerToken);
  decoded.forEach((bytes, row) => {
    for (let i = 0; i < bitsPerToken; i++) bits[row * bitsPerToken + i] = (bytes[i >> 3]! >> (7 - (i & 7))) & 1;
  });
  return { bits, bitsPerToken, tokens: decoded.length };
}
