const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * The same bytes spelled another way: the last character of unpadded base64url carries bits that decoders
 * ignore, and this sets the lowest of them. Throws for a length whose last character carries none.
 */
export function respellPaddingBits(encoded: string): string {
  if ((encoded.length * 6) % 8 === 0) throw new Error("This length has no padding bits to set.");
  const last = ALPHABET.indexOf(encoded.at(-1)!);
  return encoded.slice(0, -1) + ALPHABET[last ^ 1];
}
