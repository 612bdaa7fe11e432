import { shortId } from "./registry";
import { OUTCOME_MARKS, STATUS_LABELS, groupByStandardAndLevel, provenanceLine, summaryLine } from "./render-text";
import type { ComplianceReport, RequirementResult } from "./report";

export const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2430;background:#f6f7f9;margin:0}
main{max-width:72rem;margin:0 auto;padding:2rem 1rem}
h1{margin:0 0 .25rem}h2{margin:2rem 0 .5rem}h3{margin:1.25rem 0 .5rem;color:#5a6473}
.summary{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
.summary div{background:#fff;border:1px solid #d9dee5;border-radius:10px;padding:.6rem 1rem;min-width:8rem}
.summary strong{display:block;font-size:1.6rem}
.verdict{padding:.75rem 1rem;border-radius:8px;font-weight:600}
.verdict.ok{background:#dff3e4;color:#17572a}.verdict.bad{background:#fbeeee;color:#a4262c}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d9dee5;border-radius:10px;overflow:hidden}
th,td{text-align:left;vertical-align:top;padding:.55rem .7rem;border-bottom:1px solid #e6e9ee}
th{background:#eef1f5;font-size:.85rem}
.status{display:inline-block;border-radius:999px;padding:0 .6rem;font-size:.8rem;font-weight:700;white-space:nowrap}
.proven{background:#dff3e4;color:#17572a}.failing,.not-proven,.not-met{background:#fbeeee;color:#a4262c}.documented,.deployment{background:#fff4d6;color:#6b4e00}.not-applicable{background:#eceff3;color:#5a6473}
.tests{margin:0;padding-left:1.1rem;font-size:.85rem}.tests li{color:#a4262c}.tests .passed{color:#1c2430}
.meta{font-size:.8rem;color:#5a6473}code{font-size:.85em}
`;

function requirementRow(r: RequirementResult) {
  const tests = r.tests
    .map(
      (t) =>
        `<li class="${t.outcome}">${OUTCOME_MARKS[t.outcome]} ${escape(t.title)} <span class="meta">${escape(t.file)}, ${t.durationMs} ms</span></li>`,
    )
    .join("");
  return `<tr id="${escape(r.id)}">
<td><strong>${escape(shortId(r.id))}</strong></td>
<td><span class="status ${r.status}">${STATUS_LABELS[r.status]}</span></td>
<td>${escape(r.summary)}${r.reason ? `<div class="meta">${escape(STATUS_LABELS[r.status])}: ${escape(r.reason)}</div>` : ""}${r.notMet ? `<div class="meta">${escape(r.notMet)}</div>` : ""}
<div class="meta">${r.implementedIn.map((path) => `<code>${escape(path)}</code>`).join(" ")}${r.mapsTo.length ? ` · maps to ${r.mapsTo.map(escape).join(", ")}` : ""}</div></td>
<td>${tests ? `<ul class="tests">${tests}</ul>` : `<span class="meta">${r.evidence === "test" ? "no test" : "not a matter for tests"}</span>`}</td>
</tr>`;
}

/** One file, no external assets: it opens offline, straight from the disk. */
export function renderHtml(report: ComplianceReport) {
  const ok = report.problems.length === 0;
  const sections = groupByStandardAndLevel(report.requirements)
    .map(
      ({ standard, levels }) =>
        `<h2>${escape(standard)}</h2>${levels
          .map(
            ({ level, requirements }) =>
              `<h3>${level === "-" ? "No levels" : `Level ${level.slice(1)}`}</h3><table><thead><tr><th>ID</th><th>Status</th><th>Requirement (our words)</th><th>Tests</th></tr></thead><tbody>${requirements.map(requirementRow).join("")}</tbody></table>`,
          )
          .join("")}`,
    )
    .join("");
  const tiles = [
    ["proven", report.summary.proven],
    ["failing", report.summary.failing],
    ["not proven", report.summary["not-proven"]],
    ["not met", report.summary["not-met"]],
    ["documented", report.summary.documented],
    ["by deployment", report.summary.deployment],
    ["not applicable", report.summary["not-applicable"]],
    ["tests", report.summary.tests],
  ]
    .map(([label, value]) => `<div><strong>${value}</strong>${label}</div>`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sessionproof compliance report</title><style>${STYLE}</style></head><body><main>
<h1>Sessionproof compliance report</h1><p class="meta">${escape(provenanceLine(report))} Written by npm run e2e. Requirements are paraphrased in our own words; IDs refer to OWASP ASVS and Fluid Attacks.</p>
<p class="verdict ${ok ? "ok" : "bad"}">${escape(summaryLine(report))}</p>
<div class="summary">${tiles}</div>
${report.problems.length ? `<h2>Problems</h2><ul>${report.problems.map((p) => `<li>${escape(p)}</li>`).join("")}</ul>` : ""}
${sections}
</main></body></html>
`;
}
