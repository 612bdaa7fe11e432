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

/** One thing to measure in turns: a URL, how to ask, and (where it can be read) the CPU its server has used. */
export type Contender = { url: string; cpuMilliseconds?: () => number } & Omit<
  RouteLoad,
  "connections" | "seconds" | "rounds"
>;

export type TurnResult = LoadResult & { cpuPerRequest: number };

export type Comparison = {
  /** Requests/s of one contender over another's, the median of the rounds' own ratios. */
  ratio: number;
  lowest: number;
  highest: number;
};

/**
 * Contenders measured in rounds that take turns: each goes first in turn, and every other round runs the order
 * backwards, so whatever else the machine is doing weighs on all alike. Only one is under load at a time.
 * Each contender's result is its median round (allRounds has every one); compare() gives the median of the rounds'
 * own ratios.
 */
export async function measureInTurns<Name extends string>(
  contenders: Record<Name, Contender>,
  load: Pick<RouteLoad, "connections" | "seconds" | "rounds">,
  onRound: (round: number) => void = () => {},
) {
  const names = Object.keys(contenders) as Name[];
  const rounds = new Map(names.map((name) => [name, [] as TurnResult[]]));
  for (let round = 0; round < load.rounds; round++) {
    const order = names.map((_, index) => names[(index + round) % names.length]!);
    if (round % 2) order.reverse();
    for (const name of order) {
      const { cpuMilliseconds = () => NaN, ...contender } = contenders[name];
      const cpuBefore = cpuMilliseconds();
      const result = await runRound(contender.url, { ...load, ...contender });
      const cpuPerRequest = (cpuMilliseconds() - cpuBefore) / result.requests;
      rounds.get(name)!.push({ ...result, cpuPerRequest });
    }
    onRound(round);
  }
  const allRounds = Object.fromEntries(rounds) as Record<Name, TurnResult[]>;
  const results = Object.fromEntries(names.map((name) => [name, median(rounds.get(name)!)])) as Record<
    Name,
    TurnResult
  >;
  const compare = (subject: Name, baseline: Name): Comparison => {
    const [subjects, baselines] = [rounds.get(subject)!, rounds.get(baseline)!];
    const ratios = subjects.map((result, round) => result.requestsPerSecond / baselines[round]!.requestsPerSecond);
    ratios.sort((a, b) => a - b);
    return { ratio: medianOf(ratios), lowest: ratios[0]!, highest: ratios.at(-1)! };
  };
  return { results, allRounds, compare };
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
function median<Result extends LoadResult>(results: Result[]): Result {
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
