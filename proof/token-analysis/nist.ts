import { erfc, igamc, normalCdf } from "./math";

// A subset of NIST SP 800-22 rev. 1a, each returning its p-value(s). `bits` holds one bit (0 or 1) per entry.

export function frequencyTest(bits: Uint8Array): number {
  let sum = 0;
  for (const bit of bits) sum += 2 * bit - 1;
  return erfc(Math.abs(sum) / Math.sqrt(bits.length) / Math.SQRT2);
}

export function blockFrequencyTest(bits: Uint8Array, blockSize = 128): number {
  const blocks = Math.floor(bits.length / blockSize);
  let chiSquare = 0;
  for (let block = 0; block < blocks; block++) {
    let ones = 0;
    for (let i = 0; i < blockSize; i++) ones += bits[block * blockSize + i]!;
    chiSquare += (ones / blockSize - 0.5) ** 2;
  }
  return igamc(blocks / 2, (4 * blockSize * chiSquare) / 2);
}

export function runsTest(bits: Uint8Array): number {
  const n = bits.length;
  const pi = bits.reduce((sum, bit) => sum + bit, 0) / n;
  if (Math.abs(pi - 0.5) >= 2 / Math.sqrt(n)) return 0; // the frequency pre-test fails
  let runs = 1;
  for (let i = 1; i < n; i++) if (bits[i] !== bits[i - 1]) runs++;
  return erfc(Math.abs(runs - 2 * n * pi * (1 - pi)) / (2 * Math.sqrt(2 * n) * pi * (1 - pi)));
}

// Block length, the run-length classes' lower edge, and the class probabilities (SP 800-22 section 2.4.4).
const LONGEST_RUN_SETTINGS = [
  {
    minBits: 750_000,
    blockSize: 10_000,
    lowest: 10,
    probabilities: [0.0882, 0.2092, 0.2483, 0.1933, 0.1208, 0.0675, 0.0727],
  },
  { minBits: 6272, blockSize: 128, lowest: 4, probabilities: [0.1174, 0.243, 0.2493, 0.1752, 0.1027, 0.1124] },
  { minBits: 128, blockSize: 8, lowest: 1, probabilities: [0.2148, 0.3672, 0.2305, 0.1875] },
];

export function longestRunOfOnesTest(bits: Uint8Array): number {
  const settings = LONGEST_RUN_SETTINGS.find((option) => bits.length >= option.minBits);
  if (!settings) throw new Error("The longest-run test needs at least 128 bits.");
  const { blockSize, lowest, probabilities } = settings;
  const classes = probabilities.length;
  const counts = new Array<number>(classes).fill(0);
  const blocks = Math.floor(bits.length / blockSize);
  for (let block = 0; block < blocks; block++) {
    let longest = 0;
    let run = 0;
    for (let i = 0; i < blockSize; i++) {
      run = bits[block * blockSize + i] ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    counts[Math.min(Math.max(longest - lowest, 0), classes - 1)]!++;
  }
  const chiSquare = counts.reduce(
    (sum, count, i) => sum + (count - blocks * probabilities[i]!) ** 2 / (blocks * probabilities[i]!),
    0,
  );
  return igamc((classes - 1) / 2, chiSquare / 2);
}

/** Counts of every overlapping m-bit pattern, wrapping around the end. */
function patternCounts(bits: Uint8Array, m: number): Uint32Array {
  const counts = new Uint32Array(1 << m);
  if (m === 0) return counts;
  const mask = (1 << m) - 1;
  let pattern = 0;
  for (let i = 0; i < m - 1; i++) pattern = (pattern << 1) | bits[i]!;
  for (let i = m - 1; i < bits.length + m - 1; i++) {
    pattern = ((pattern << 1) | bits[i % bits.length]!) & mask;
    counts[pattern]!++;
  }
  return counts;
}

export function serialTest(bits: Uint8Array, m = 8): [number, number] {
  const n = bits.length;
  const psi = (length: number) => {
    if (length <= 0) return 0;
    const counts = patternCounts(bits, length);
    return ((1 << length) / n) * counts.reduce((sum, count) => sum + count * count, 0) - n;
  };
  const [psiM, psiM1, psiM2] = [psi(m), psi(m - 1), psi(m - 2)];
  return [igamc(2 ** (m - 2), (psiM - psiM1) / 2), igamc(2 ** (m - 3), (psiM - 2 * psiM1 + psiM2) / 2)];
}

export function approximateEntropyTest(bits: Uint8Array, m = 8): number {
  const n = bits.length;
  const phi = (length: number) =>
    patternCounts(bits, length).reduce((sum, count) => (count > 0 ? sum + (count / n) * Math.log(count / n) : sum), 0);
  const apEn = phi(m) - phi(m + 1);
  return igamc(2 ** (m - 1), n * (Math.LN2 - apEn));
}

export function cumulativeSumsTest(bits: Uint8Array, direction: "forward" | "backward"): number {
  const n = bits.length;
  let sum = 0;
  let z = 0;
  for (let i = 0; i < n; i++) {
    sum += 2 * bits[direction === "forward" ? i : n - 1 - i]! - 1;
    z = Math.max(z, Math.abs(sum));
  }
  const root = Math.sqrt(n);
  let first = 0;
  for (let k = Math.trunc((Math.trunc(-n / z) + 1) / 4); k <= Math.trunc((Math.trunc(n / z) - 1) / 4); k++) {
    first += normalCdf(((4 * k + 1) * z) / root) - normalCdf(((4 * k - 1) * z) / root);
  }
  let second = 0;
  for (let k = Math.trunc((Math.trunc(-n / z) - 3) / 4); k <= Math.trunc((Math.trunc(n / z) - 1) / 4); k++) {
    second += normalCdf(((4 * k + 3) * z) / root) - normalCdf(((4 * k + 1) * z) / root);
  }
  return 1 - first + second;
}
