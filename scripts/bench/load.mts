// Load with autocannon: a fixed number of keep-alive connections for a fixed time, a few rounds, the median
// round reported (by requests per second).
import autocannon from "autocannon";

export type LoadResult = {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  unexpected: number;
};

type RouteLoad = {
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  rounds: number;
  /** The class of status every answer should have; the others are counted as unexpected. */
  expected: "2xx" | "3xx" | "4xx" | "any";
};

export async function measureRoute(url: string, load: RouteLoad): Promise<LoadResult> {
  const results: LoadResult[] = [];
  for (let round = 0; round < load.rounds; round++) results.push(await runRound(url, load));
  return median(results);
}

export type PairResult = {
  baseline: LoadResult;
  subject: LoadResult;
  /** Requests/s of the subject over the baseline's, the median of the rounds' ratios. */
  ratio: number;
  lowest: number;
  highest: number;
};

/**
 * A route against its baseline, in rounds that take turns (baseline first, then subject first), so that
 * whatever else the machine is doing weighs on both alike. The ratio reported is the median of the rounds' own.
 */
export async function measurePair(
  baseline: { url: string } & Omit<RouteLoad, "connections" | "seconds" | "rounds">,
  subject: { url: string } & Omit<RouteLoad, "connections" | "seconds" | "rounds">,
  load: Pick<RouteLoad, "connections" | "seconds" | "rounds">,
): Promise<PairResult> {
  const [baselines, subjects, ratios]: [LoadResult[], LoadResult[], number[]] = [[], [], []];
  for (let round = 0; round < load.rounds; round++) {
    const measureBaseline = async () => baselines.push(await runRound(baseline.url, { ...load, ...baseline }));
    const measureSubject = async () => subjects.push(await runRound(subject.url, { ...load, ...subject }));
    if (round % 2 === 0) {
      await measureBaseline();
      await measureSubject();
    } else {
      await measureSubject();
      await measureBaseline();
    }
    ratios.push(subjects[round]!.requestsPerSecond / baselines[round]!.requestsPerSecond);
  }
  ratios.sort((a, b) => a - b);
  return {
    baseline: median(baselines),
    subject: median(subjects),
    ratio: medianOf(ratios),
    lowest: ratios[0]!,
    highest: ratios.at(-1)!,
  };
}

async function runRound(url: string, { headers = {}, connections, seconds, expected }: RouteLoad) {
  const result = await autocannon({ url, headers, connections, duration: seconds });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    unexpected: expected === "any" ? 0 : result.requests.total - result[expected],
  };
}

/** The median round, by requests/s. */
function median(results: LoadResult[]): LoadResult {
  return [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(results.length / 2)]!;
}

export function medianOf(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One short run to let the JIT and the caches settle before measuring. */
export async function warmUp(url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, headers, connections: 4, duration: 2 });
}
