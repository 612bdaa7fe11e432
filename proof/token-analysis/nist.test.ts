import { describe, expect, it } from "vitest";
import {
  approximateEntropyTest,
  blockFrequencyTest,
  cumulativeSumsTest,
  frequencyTest,
  longestRunOfOnesTest,
  runsTest,
  serialTest,
} from "./nist";

const bits = (text: string) => Uint8Array.from(text, (c) => Number(c));

// The worked examples of NIST SP 800-22 rev. 1a, section 2.
describe("the NIST SP 800-22 tests reproduce the standard's worked examples", () => {
  it("frequency", () => expect(frequencyTest(bits("1011010101"))).toBeCloseTo(0.527089, 5));
  it("block frequency", () => expect(blockFrequencyTest(bits("0110011010"), 3)).toBeCloseTo(0.801252, 5));
  it("runs", () => expect(runsTest(bits("1001101011"))).toBeCloseTo(0.147232, 5));
  it("longest run of ones", () =>
    expect(
      longestRunOfOnesTest(
        bits(
          "11001100000101010110110001001100111000000000001001001101010100010001001111010110100000001101011111001100111001101101100010110010",
        ),
      ),
    ).toBeCloseTo(0.180609, 3));
  it("serial", () => {
    const [p1, p2] = serialTest(bits("0011011101"), 3);
    expect(p1).toBeCloseTo(0.808792, 5);
    expect(p2).toBeCloseTo(0.67032, 5);
  });
  it("approximate entropy", () => expect(approximateEntropyTest(bits("0100110101"), 3)).toBeCloseTo(0.261961, 5));
  it("cumulative sums", () => expect(cumulativeSumsTest(bits("1011010111"), "forward")).toBeCloseTo(0.4116588, 5));
});
