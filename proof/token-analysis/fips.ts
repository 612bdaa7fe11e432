// FIPS 140-2 statistical tests (section 4.9.1) on one block of 20,000 bits.

export const FIPS_BLOCK_BITS = 20_000;
// The six run-length bands, for runs of ones and of zeros alike; the last is "6 or more".
const RUN_BANDS: [number, number][] = [
  [2315, 2685],
  [1114, 1386],
  [527, 723],
  [240, 384],
  [103, 209],
  [103, 209],
];
const LONG_RUN = 26;

export type FipsResult = {
  monobit: { ones: number; passed: boolean };
  poker: { statistic: number; passed: boolean };
  runs: { ones: number[]; zeros: number[]; passed: boolean };
  longRun: { longest: number; passed: boolean };
  passed: boolean;
};

/** `read(i)` gives bit i of the block, 0 <= i < 20,000. */
export function fipsTests(read: (i: number) => number): FipsResult {
  let ones = 0;
  const nibbles = new Array<number>(16).fill(0);
  const runs = { ones: new Array<number>(6).fill(0), zeros: new Array<number>(6).fill(0) };
  let longest = 0;
  let runLength = 0;
  let previous = -1;
  let nibble = 0;
  for (let i = 0; i < FIPS_BLOCK_BITS; i++) {
    const bit = read(i);
    ones += bit;
    nibble = (nibble << 1) | bit;
    if ((i & 3) === 3) {
      nibbles[nibble]!++;
      nibble = 0;
    }
    if (bit === previous) runLength++;
    else {
      if (previous >= 0) countRun(runs, previous, runLength);
      longest = Math.max(longest, runLength);
      runLength = 1;
      previous = bit;
    }
  }
  countRun(runs, previous, runLength);
  longest = Math.max(longest, runLength);

  const poker = (16 / 5000) * nibbles.reduce((sum, f) => sum + f * f, 0) - 5000;
  const inBands = (counts: number[]) =>
    counts.every((count, i) => count >= RUN_BANDS[i]![0] && count <= RUN_BANDS[i]![1]);
  const result = {
    monobit: { ones, passed: ones > 9725 && ones < 10275 },
    poker: { statistic: poker, passed: poker > 2.16 && poker < 46.17 },
    runs: { ...runs, passed: inBands(runs.ones) && inBands(runs.zeros) },
    longRun: { longest, passed: longest < LONG_RUN },
  };
  return {
    ...result,
    passed: result.monobit.passed && result.poker.passed && result.runs.passed && result.longRun.passed,
  };
}

function countRun(runs: { ones: number[]; zeros: number[] }, bit: number, length: number) {
  (bit === 1 ? runs.ones : runs.zeros)[Math.min(length, 6) - 1]!++;
}
