// The flood both benchmarks measure (npm run bench and npm run benchmark:flood): signed-in GET /api/session read
// over a few keep-alive connections, on a quiet server and again while clients post wrong passwords through the
// sign-in form back to back. Its p99 under the flood over its quiet p99 is the number with a target (≤ 3).
import { fetchHiddenFormFields } from "@/e2e/forms";
import { startFlood } from "./clients.mts";
import { measureRoute } from "./load.mts";

export type FloodSource = "many-addresses" | "one-address";

export type FloodOptions = {
  /** Sign-ins posted at once, each client posting its next as soon as its last is answered. */
  clients: number;
  /**
   * "many-addresses": every attempt from an address of its own, for an email nobody has (a botnet: no limit per
   * address or per account applies). "one-address": every attempt from one address (as the benchmark's trusted proxy
   * reports it), for the signed-in account's email (one attacker after one owner), which the throttle meets.
   */
  source: FloodSource;
  seconds: number;
};

export const FLOOD_CHECK_CONNECTIONS = 4;

export async function measureFlood(
  base: string,
  signedIn: { cookie: string; email: string },
  { clients, source, seconds }: FloodOptions,
) {
  const checks = {
    connections: FLOOD_CHECK_CONNECTIONS,
    seconds,
    rounds: 1,
    headers: { cookie: signedIn.cookie },
    expected: "2xx",
  } as const;
  const quiet = await measureRoute(`${base}/api/session`, checks);
  const fields = await fetchHiddenFormFields(base, "/login");
  const flood = startFlood(base, fields, clients, source === "one-address" ? signedIn.email : null);
  await flood.warmedUp;
  const flooded = await measureRoute(`${base}/api/session`, checks);
  const signIns = await flood.stop();
  const perSecond = (count: number) => count / (signIns.elapsedMs / 1000);
  return {
    quiet,
    flooded,
    ratio: flooded.p99 / quiet.p99,
    signIns: {
      checkedPerSecond: perSecond(signIns.checked),
      busyPerSecond: perSecond(signIns.busy),
      throttledPerSecond: perSecond(signIns.throttled),
      refusedEarly: signIns.refusedEarly,
      other: signIns.other,
    },
  };
}

export type FloodResult = Awaited<ReturnType<typeof measureFlood>>;

export function describeFlood(result: FloodResult, { clients, source }: Omit<FloodOptions, "seconds">) {
  const from =
    source === "one-address" ? "from one address, at the signed-in account" : "each from an address of its own";
  const { signIns } = result;
  return `p99 ${result.quiet.p99.toFixed(1)} ms quiet, ${result.flooded.p99.toFixed(1)} ms while ${clients} clients post wrong passwords through the sign-in form, ${from}: ${result.ratio.toFixed(2)}×. Meanwhile ${signIns.checkedPerSecond.toFixed(1)} sign-ins checked a second, ${signIns.throttledPerSecond.toFixed(1)} refused by the throttle, ${signIns.busyPerSecond.toFixed(1)} answered "busy" (${signIns.refusedEarly} before Next.js), ${signIns.other} other.`;
}
