import type { TokenAnalysis } from "@/proof/token-analysis/analyze";
import { biasChart } from "@/proof/token-analysis/render-html";

type Props = { latest: { source: string; generatedAt: string; analysis: TokenAnalysis } | null };

/** The latest randomness analysis of the session tokens (v3.0.1 3.11, v5.0.0 7.2.3). */
export function TokenAnalysisSummary({ latest }: Props) {
  if (!latest) {
    return (
      <p>
        No analysis yet: run <code>npm run analyze-tokens</code> (or <code>npm run e2e</code>) to produce one.
      </p>
    );
  }
  const { analysis, source, generatedAt } = latest;
  return (
    <>
      <p role="status" className={`notice ${analysis.verdict === "random" ? "" : "warning"}`}>
        {source}, {new Date(generatedAt).toUTCString()}: <strong>{analysis.verdict}</strong>. Effective entropy{" "}
        {analysis.effectiveEntropyBits.toFixed(1)} of {analysis.bitsPerToken} bits.
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">What</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {analysis.checks.map((check) => (
              <tr key={check.name}>
                <th scope="row">{check.name}</th>
                <td>{check.detail}</td>
                <td>
                  <span className={`status ${check.passed ? "proven" : "failing"}`}>
                    {check.passed ? "pass" : "FAIL"}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Bias of each bit position</h3>
      {/* Generated from numbers only, by our own code: no text from outside reaches this markup. */}
      <div className="chart" dangerouslySetInnerHTML={{ __html: biasChart(analysis) }} />
    </>
  );
}
