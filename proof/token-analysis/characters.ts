import { igamc } from "./math";

// Character-level checks on the encoded tokens, for encodings where each character should be uniform.
const MIN_EXPECTED_PER_CELL = 5;

export type CharacterPosition = { position: number; symbols: number; chiSquare: number; pValue: number };

function chiSquareUniform(counts: number[]) {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const expected = total / counts.length;
  const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
  return { chiSquare, pValue: igamc((counts.length - 1) / 2, chiSquare / 2), expected };
}

/**
 * Per position: are the characters seen there equally frequent? Each position is compared over the symbols
 * observed at it, so a last character that carries fewer bits is judged fairly.
 */
export function characterPositions(tokens: string[]): CharacterPosition[] {
  const length = Math.min(...tokens.map((token) => token.length));
  const results: CharacterPosition[] = [];
  for (let position = 0; position < length; position++) {
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token[position]!, (counts.get(token[position]!) ?? 0) + 1);
    if (counts.size < 2) {
      results.push({ position, symbols: counts.size, chiSquare: Infinity, pValue: 0 });
      continue;
    }
    const { chiSquare, pValue, expected } = chiSquareUniform([...counts.values()]);
    if (expected >= MIN_EXPECTED_PER_CELL) results.push({ position, symbols: counts.size, chiSquare, pValue });
  }
  return results;
}

/** Are all pairs of neighbouring characters equally frequent? Null when there are too few tokens to tell. */
export function characterTransitions(tokens: string[]) {
  const length = Math.min(...tokens.map((token) => token.length));
  const alphabet = [...new Set(tokens.flatMap((token) => [...token.slice(0, length - 1)]))].sort();
  const index = new Map(alphabet.map((symbol, i) => [symbol, i]));
  const counts = new Array<number>(alphabet.length * alphabet.length).fill(0);
  // The last character may carry fewer bits than the others, so pairs end one short of it.
  for (const token of tokens) {
    for (let i = 0; i + 2 < length; i++) counts[index.get(token[i]!)! * alphabet.length + index.get(token[i + 1]!)!]!++;
  }
  const { chiSquare, pValue, expected } = chiSquareUniform(counts);
  return expected >= MIN_EXPECTED_PER_CELL ? { symbols: alphabet.length, chiSquare, pValue } : null;
}
