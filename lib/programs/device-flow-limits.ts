import "server-only";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { subscriberNetwork } from "@/lib/platform/ip-address";
import { PROGRAM_TOKEN_POLICY } from "@/lib/programs/program-policy";
import type { Throttled } from "@/lib/platform/throttle-store";
import { createLimiter } from "@/lib/platform/throttle-store";

// Bounds on the device flow, whose first step needs no account (docs/decisions/025-no-lockout-of-owners.md):
// requests started per client address, and codes typed on the approval page that match no waiting program, per
// account and per address. Counted where the password throttle counts, so every instance sees the same counts.

const { deviceCodeSeconds, deviceStartsPerAddress, wrongUserCodesPerAccount, wrongUserCodesPerAddress } =
  PROGRAM_TOKEN_POLICY;
const startsByAddress = createLimiter("device-starts", deviceStartsPerAddress, deviceCodeSeconds);
const wrongCodesByAccount = createLimiter("wrong-user-codes-account", wrongUserCodesPerAccount, deviceCodeSeconds);
const wrongCodesByAddress = createLimiter("wrong-user-codes-address", wrongUserCodesPerAddress, deviceCodeSeconds);

/** Counts a device request from this address, or says how long to wait: at most so many wait at once per address. */
export async function countDeviceStart(ipAddress: string | null): Promise<Throttled | null> {
  return countAll([[startsByAddress, addressKey(ipAddress)]]);
}

/**
 * Call before looking up a code someone typed: the lookup counts against the account and the address unless it
 * finds a waiting program, and none is made while either has used up its allowance.
 */
export async function beginUserCodeLookup(client: {
  userId: number;
  ipAddress: string | null;
}): Promise<Throttled | { throttled: false; found(): Promise<void> }> {
  const counted: [RateLimiterAbstract, string][] = [
    [wrongCodesByAccount, `account:${client.userId}`],
    [wrongCodesByAddress, addressKey(client.ipAddress)],
  ];
  const refused = await countAll(counted);
  if (refused) return refused;
  return {
    throttled: false,
    async found() {
      await Promise.all(counted.map(([limiter, key]) => limiter.reward(key, 1)));
    },
  };
}

/** Counts one against each; a refusal by any gives the others their point back and says how long to wait. */
async function countAll(counted: [RateLimiterAbstract, string][]): Promise<Throttled | null> {
  const results = await Promise.all(counted.map(([limiter, key]) => countOne(limiter, key)));
  const refusals = results.filter((result) => result.refused);
  if (refusals.length === 0) return null;
  await Promise.all(counted.map(([limiter, key], index) => !results[index]!.refused && limiter.reward(key, 1)));
  const longest = Math.max(...refusals.map((result) => result.msBeforeNext));
  return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil(longest / 1000)) };
}

async function countOne(limiter: RateLimiterAbstract, key: string) {
  try {
    return { refused: false, msBeforeNext: (await limiter.consume(key)).msBeforeNext };
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return { refused: true, msBeforeNext: refusal.msBeforeNext };
    throw refusal;
  }
}

function addressKey(ipAddress: string | null) {
  return `address:${subscriberNetwork(ipAddress)}`;
}
