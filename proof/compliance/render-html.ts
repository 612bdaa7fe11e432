import { escape, STYLE } from "./html";
import { shortId } from "./registry";
import { OUTCOME_MARKS, STATUS_LABELS, groupByStandardAndLevel, provenanceLine, summaryLine } from "./render-text";
import { EVIDENCE_STYLE, linkedTitle, renderEvidence, type CheckEvidence } from "./evidence";
import type { ComplianceReport, RequirementResult } from "./report";

function requirementRow(r: RequirementResult, evidence: CheckEvidence[]) {
  const tests = r.tests
    .map(
      (t) =>
        `<li class="${t.outcome}">${OUTCOME_MARKS[t.outcome]} ${linkedTitle(evidence, t)} <span class="meta">${escape(t.file)}, ${t.durationMs} ms</span></li>`,
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

// More tests than a deployment check has: room for a small screenshot of most of them. At most about 18 MB in all.
const COMPLIANCE_EVIDENCE_BUDGET = { screenshotBytes: 12_000_000, exchangeCharacters: 6_000_000 };

/** One file, no external assets: it opens offline, straight from the disk. */
export function renderHtml(report: ComplianceReport, evidence: CheckEvidence[] = []) {
  const ok = report.problems.length === 0;
  const sections = groupByStandardAndLevel(report.requirements)
    .map(
      ({ standard, levels }) =>
        `<h2>${escape(standard)}</h2>${levels
          .map(
            ({ level, requirements }) =>
              `<h3>${level === "-" ? "No levels" : `Level ${level.slice(1)}`}</h3><table><thead><tr><th>ID</th><th>Status</th><th>Requirement (our words)</th><th>Tests</th></tr></thead><tbody>${requirements.map((r) => requirementRow(r, evidence)).join("")}</tbody></table>`,
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
<title>Sessionproof compliance report</title><style>${STYLE}${EVIDENCE_STYLE}</style></head><body><main>
<h1>Sessionproof compliance report</h1><p class="meta">${escape(provenanceLine(report))} Written by npm run e2e. Requirements are paraphrased in our own words; IDs refer to OWASP ASVS and Fluid Attacks.</p>
<p class="verdict ${ok ? "ok" : "bad"}">${escape(summaryLine(report))}</p>
<div class="summary">${tiles}</div>
${report.problems.length ? `<h2>Problems</h2><ul>${report.problems.map((p) => `<li>${escape(p)}</li>`).join("")}</ul>` : ""}
${sections}
${evidence.length ? `<h2>Evidence</h2><p class="meta">What each e2e test sent and received through its request context (cookies, tokens and passwords replaced by [redacted]; at most 40 exchanges and 600 characters of each body) and where it left the browser (every form field masked), in the order the tests finished, until the report's bound is reached.</p>${renderEvidence(evidence, COMPLIANCE_EVIDENCE_BUDGET)}` : ""}
</main></body></html>
`;
}
