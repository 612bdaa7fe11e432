import type { TokenAnalysis } from "./analyze";

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const WIDTH = 880;
const HEIGHT = 180;

/** Share of ones minus one half, per bit position, with the ±3σ band of an unbiased source. */
export function biasChart(analysis: TokenAnalysis) {
  const sigma = 0.5 / Math.sqrt(analysis.tokens);
  const scale = Math.max(4 * sigma, ...analysis.positions.map((p) => Math.abs(p.onesShare - 0.5)));
  const barWidth = WIDTH / analysis.positions.length;
  const y = (value: number) => HEIGHT / 2 - (value / scale) * (HEIGHT / 2 - 4);
  const bars = analysis.positions
    .map((p, i) => {
      const top = Math.min(y(p.onesShare - 0.5), HEIGHT / 2);
      const height = Math.max(Math.abs(y(p.onesShare - 0.5) - HEIGHT / 2), 0.5);
      return `<rect x="${(i * barWidth).toFixed(2)}" y="${top.toFixed(2)}" width="${Math.max(barWidth - 0.5, 0.5).toFixed(2)}" height="${height.toFixed(2)}" fill="${p.passed ? "#1f5fbf" : "#a4262c"}"><title>bit ${i}: ${(p.onesShare * 100).toFixed(2)}% ones</title></rect>`;
    })
    .join("");
  const band = [3 * sigma, -3 * sigma]
    .map((v) => `<line x1="0" x2="${WIDTH}" y1="${y(v)}" y2="${y(v)}" stroke="#8a6d00" stroke-dasharray="4 3"/>`)
    .join("");
  return `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Bias of each bit position"><line x1="0" x2="${WIDTH}" y1="${HEIGHT / 2}" y2="${HEIGHT / 2}" stroke="#5a6473"/>${band}${bars}</svg>`;
}

/** −log10 of each character position's chi-square p-value; the dashed line is the 0.001 threshold. */
export function characterChart(analysis: TokenAnalysis) {
  const values = analysis.characterPositions.map((p) => -Math.log10(Math.max(p.pValue, 1e-12)));
  if (values.length === 0) return "<p>Too few tokens for the character-level test.</p>";
  const top = Math.max(4, ...values);
  const barWidth = WIDTH / values.length;
  const bars = values
    .map(
      (v, i) =>
        `<rect x="${(i * barWidth).toFixed(2)}" y="${(HEIGHT - (v / top) * HEIGHT).toFixed(2)}" width="${Math.max(barWidth - 1, 0.5).toFixed(2)}" height="${((v / top) * HEIGHT).toFixed(2)}" fill="${v >= 3 ? "#a4262c" : "#1f5fbf"}"><title>character ${analysis.characterPositions[i]!.position}: p = ${analysis.characterPositions[i]!.pValue.toPrecision(3)}</title></rect>`,
    )
    .join("");
  const line = HEIGHT - (3 / top) * HEIGHT;
  return `<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Chi-square p-value by character position">${bars}<line x1="0" x2="${WIDTH}" y1="${line}" y2="${line}" stroke="#8a6d00" stroke-dasharray="4 3"/></svg>`;
}

export function renderTokenAnalysisHtml(analysis: TokenAnalysis, source: string) {
  const rows = analysis.checks
    .map(
      (c) =>
        `<tr><td>${escape(c.name)}</td><td>${escape(c.detail)}</td><td>${c.failures} of ${c.allowed} allowed${c.catastrophic ? `, ${c.catastrophic} beyond chance` : ""}</td><td class="${c.passed ? "ok" : "bad"}">${c.passed ? "pass" : "FAIL"}</td></tr>`,
    )
    .join("");
  const nist = analysis.nist.map((t) => `<tr><td>${escape(t.name)}</td><td>${t.pValue.toFixed(4)}</td></tr>`).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Session token analysis</title><style>
body{font:15px/1.5 system-ui,sans-serif;color:#1c2430;background:#f6f7f9;margin:0}main{max-width:60rem;margin:0 auto;padding:2rem 1rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e6e9ee}
.ok{color:#17572a;font-weight:700}.bad{color:#a4262c;font-weight:700}.verdict{padding:.75rem 1rem;border-radius:8px;font-weight:700}
.verdict.ok{background:#dff3e4}.verdict.bad{background:#fbeeee}svg{width:100%;height:auto;background:#fff;border:1px solid #d9dee5;border-radius:8px}
</style></head><body><main><h1>Session token analysis</h1>
<p>${escape(source)}: ${analysis.tokens.toLocaleString("en")} tokens, ${analysis.encoding}, ${analysis.bitsPerToken} bits each.</p>
<p class="verdict ${analysis.verdict === "random" ? "ok" : "bad"}">Verdict: ${analysis.verdict}. Effective entropy ${analysis.effectiveEntropyBits.toFixed(1)} bits (min-entropy over all positions ${analysis.minEntropyBits.toFixed(1)} bits).</p>
<table><thead><tr><th>Check</th><th>What</th><th>Failures</th><th>Result</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Bias by bit position</h2><p>Share of ones minus one half; the dashed lines are ±3 standard deviations of a fair source. Red bars failed their test.</p>${biasChart(analysis)}
<h2>Characters by position</h2><p>−log10 of the chi-square p-value of each character position; bars above the dashed line (p &lt; 0.001) are suspicious.</p>${characterChart(analysis)}
<h2>NIST SP 800-22 p-values</h2><table><tbody>${nist}</tbody></table>
<p>Statistics cannot tell a cryptographic generator from a hashed counter: pair this with a look at the code that makes the tokens.</p>
</main></body></html>
`;
}
