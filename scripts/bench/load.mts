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

export async function measureRoute(
  url: string,
  {
    headers = {},
    connections,
    seconds,
    rounds,
    expected,
  }: {
    headers?: Record<string, string>;
    connections: number;
    seconds: number;
    rounds: number;
    /** The class of status every answer should have; the others are counted as unexpected. */
    expected: "2xx" | "3xx" | "4xx";
  },
): Promise<LoadResult> {
  const results: LoadResult[] = [];
  for (let round = 0; round < rounds; round++) {
    const result = await autocannon({ url, headers, connections, duration: seconds });
    results.push({
      requests: result.requests.total,
      requestsPerSecond: result.requests.total / result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors,
      unexpected: result.requests.total - result[expected],
    });
  }
  results.sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return results[Math.floor(results.length / 2)]!;
}

/** One short run to let the JIT and the caches settle before measuring. */
export async function warmUp(url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, headers, connections: 4, duration: 2 });
}
