import { characterPositions, characterTransitions } from "./characters";
import { decodeToken, detectEncoding, toBitMatrix, type TokenEncoding } from "./encoding";
import { FIPS_BLOCK_BITS, fipsTests } from "./fips";
import { allowedFailures } from "./math";
import {
  approximateEntropyTest,
  blockFrequencyTest,
  cumulativeSumsTest,
  frequencyTest,
  longestRunOfOnesTest,
  runsTest,
  serialTest,
} from "./nist";

// How often each family's tests fail by chance on good data, and how rarely the budget may be exceeded.
const FIPS_FALSE_FAILURE_RATE = 0.001; // per 20,000-bit block, all four tests together
const P_VALUE_THRESHOLD = 0.01; // SP 800-22's significance level
const POSITION_P_VALUE_THRESHOLD = 0.001;
const FALSE_ALARM = 1e-4;
// A p-value this small is never chance: one such failure fails its family whatever the budget.
const CATASTROPHIC_P_VALUE = 1e-9;
const MAX_NIST_BITS = 1_000_000;

export type Check = {
  name: string;
  detail: string;
  failures: number;
  allowed: number;
  catastrophic: number;
  passed: boolean;
};

export type TokenAnalysis = {
  tokens: number;
  encoding: TokenEncoding;
  bitsPerToken: number;
  checks: Check[];
  uniqueTokens: number;
  /** Per bit position: share of ones and whether the position passed its tests. */
  positions: { onesShare: number; pValue: number; passed: boolean }[];
  characterPositions: { position: number; pValue: number }[];
  nist: { group: string; name: string; pValue: number }[];
  minEntropyBits: number;
  /** Min-entropy summed over the bit positions that passed their tests. */
  effectiveEntropyBits: number;
  passingBitPositions: number;
  verdict: "random" | "not random";
};

function check(name: string, detail: string, failures: number, allowed: number, catastrophic = 0): Check {
  return { name, detail, failures, allowed, catastrophic, passed: failures <= allowed && catastrophic === 0 };
}

export function analyzeTokens(
  tokens: string[],
  options: { encoding?: TokenEncoding; minimumEntropyBits?: number } = {},
): TokenAnalysis {
  if (tokens.length < 100) throw new Error("At least 100 tokens are needed for a meaningful analysis.");
  const encoding = options.encoding ?? detectEncoding(tokens);
  const { bits, bitsPerToken } = toBitMatrix(tokens.map((token) => decodeToken(token, encoding)));
  const checks: Check[] = [];

  const uniqueTokens = new Set(tokens).size;
  checks.push(check("Uniqueness", `${uniqueTokens} distinct of ${tokens.length}`, tokens.length - uniqueTokens, 0));

  // FIPS 140-2 on the tokens' bits laid end to end.
  const blocks = Math.floor(bits.length / FIPS_BLOCK_BITS);
  let blockFailures = 0;
  for (let block = 0; block < blocks; block++)
    if (!fipsTests((i) => bits[block * FIPS_BLOCK_BITS + i]!).passed) blockFailures++;
  checks.push(
    check(
      "FIPS 140-2, whole stream",
      `${blocks} blocks of 20,000 bits`,
      blockFailures,
      allowedFailures(blocks, FIPS_FALSE_FAILURE_RATE, FALSE_ALARM),
    ),
  );

  // Per bit position across the sample, as Burp Sequencer does: FIPS when there are 20,000 tokens, else frequency.
  const column = new Uint8Array(tokens.length);
  const positions = Array.from({ length: bitsPerToken }, (_, position) => {
    for (let row = 0; row < tokens.length; row++) column[row] = bits[row * bitsPerToken + position]!;
    const ones = column.reduce((sum, bit) => sum + bit, 0);
    const pValue = frequencyTest(column);
    const passed =
      tokens.length >= FIPS_BLOCK_BITS ? fipsTests((i) => column[i]!).passed : pValue >= POSITION_P_VALUE_THRESHOLD;
    return { onesShare: ones / tokens.length, pValue, passed };
  });
  const positionFailures = positions.filter((position) => !position.passed).length;
  const positionRate = tokens.length >= FIPS_BLOCK_BITS ? FIPS_FALSE_FAILURE_RATE : POSITION_P_VALUE_THRESHOLD;
  checks.push(
    check(
      "Per bit position",
      tokens.length >= FIPS_BLOCK_BITS
        ? "FIPS 140-2 on each of the positions"
        : "frequency test on each of the positions",
      positionFailures,
      allowedFailures(bitsPerToken, positionRate, FALSE_ALARM),
      positions.filter((position) => position.pValue < CATASTROPHIC_P_VALUE).length,
    ),
  );

  // NIST SP 800-22 on (up to) the first million bits. Tests that measure the same thing fail together
  // (frequency and both cumulative sums all measure balance), so the budget counts groups, not p-values.
  const stream = bits.subarray(0, Math.min(bits.length, MAX_NIST_BITS));
  const [serial1, serial2] = serialTest(stream, 8);
  const nist = [
    { group: "balance", name: "frequency", pValue: frequencyTest(stream) },
    { group: "balance", name: "cumulative sums, forward", pValue: cumulativeSumsTest(stream, "forward") },
    { group: "balance", name: "cumulative sums, backward", pValue: cumulativeSumsTest(stream, "backward") },
    { group: "runs", name: "runs", pValue: runsTest(stream) },
    { group: "blocks", name: "block frequency (M = 128)", pValue: blockFrequencyTest(stream, 128) },
    { group: "longest run", name: "longest run of ones", pValue: longestRunOfOnesTest(stream) },
    { group: "serial", name: "serial (m = 8), first", pValue: serial1 },
    { group: "serial", name: "serial (m = 8), second", pValue: serial2 },
    { group: "approximate entropy", name: "approximate entropy (m = 8)", pValue: approximateEntropyTest(stream, 8) },
  ];
  const groups = [...new Set(nist.map((test) => test.group))].map((group) => {
    const members = nist.filter((test) => test.group === group);
    // Bonferroni within the group: its smallest p-value, scaled by how many chances it had.
    return { group, pValue: Math.min(1, Math.min(...members.map((test) => test.pValue)) * members.length) };
  });
  checks.push(
    check(
      "NIST SP 800-22 subset",
      `${nist.length} tests in ${groups.length} groups on ${stream.length.toLocaleString("en")} bits, each group at p >= ${P_VALUE_THRESHOLD}`,
      groups.filter((group) => group.pValue < P_VALUE_THRESHOLD).length,
      allowedFailures(groups.length, P_VALUE_THRESHOLD, FALSE_ALARM),
      // The runs test reports 0 whenever its frequency pre-test fails; that verdict belongs to "balance".
      groups.filter((group) => group.group !== "runs" && group.pValue < CATASTROPHIC_P_VALUE).length,
    ),
  );

  // The characters themselves, where the encoding makes each one uniform.
  const characters = characterPositions(tokens);
  checks.push(
    check(
      "Characters per position",
      `${characters.length} positions compared with a uniform spread`,
      characters.filter((position) => position.pValue < POSITION_P_VALUE_THRESHOLD).length,
      allowedFailures(characters.length, POSITION_P_VALUE_THRESHOLD, FALSE_ALARM),
      characters.filter((position) => position.pValue < CATASTROPHIC_P_VALUE).length,
    ),
  );
  const transitions = characterTransitions(tokens);
  if (transitions) {
    checks.push(
      check(
        "Character transitions",
        `pairs over ${transitions.symbols} symbols, p = ${transitions.pValue.toFixed(4)}`,
        transitions.pValue < POSITION_P_VALUE_THRESHOLD ? 1 : 0,
        0,
      ),
    );
  }

  const entropy = (share: number) => -Math.log2(Math.max(share, 1 - share));
  const minEntropyBits = positions.reduce((sum, position) => sum + entropy(position.onesShare), 0);
  const effectiveEntropyBits = positions.reduce(
    (sum, position) => (position.passed ? sum + entropy(position.onesShare) : sum),
    0,
  );
  const passingBitPositions = positions.filter((position) => position.passed).length;
  const minimum = options.minimumEntropyBits ?? 128;
  checks.push(
    check(
      "Effective entropy",
      `${effectiveEntropyBits.toFixed(1)} bits over ${passingBitPositions} of ${bitsPerToken} passing positions, at least ${minimum} needed`,
      effectiveEntropyBits >= minimum ? 0 : 1,
      0,
    ),
  );

  return {
    tokens: tokens.length,
    encoding,
    bitsPerToken,
    checks,
    uniqueTokens,
    positions,
    characterPositions: characters.map(({ position, pValue }) => ({ position, pValue })),
    nist,
    minEntropyBits,
    effectiveEntropyBits,
    passingBitPositions,
    verdict: checks.every((item) => item.passed) ? "random" : "not random",
  };
}
