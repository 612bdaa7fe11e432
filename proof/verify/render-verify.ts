import { escape, STYLE } from "@/proof/compliance/html";
import { shortId } from "@/proof/compliance/registry";
import { OUTCOME_MARKS } from "@/proof/compliance/render-text";
import { EVIDENCE_STYLE, linkedTitle, renderEvidence, type CheckEvidence } from "@/proof/compliance/evidence";
import type { VerifiedRequirement, VerifyReport, VerifyStatus } from "./verify-report";

export const VERIFY_STATUS_LABELS: Record<VerifyStatus, string> = {
  holds: "holds",
  fails: "fails",
  skipped: "skipped",
  "not-from-outside": "not checked from outside",
  documented: "documented",
  "not-applicable": "not applicable",
};

// The compliance report's colours for the statuses they share in meaning.
const STATUS_CLASSES: Record<VerifyStatus, string> = {
  holds: "proven",
  fails: "failing",
  skipped: "not-proven",
  "not-from-outside": "deployment",
  documented: "documented",
  "not-applicable": "not-applicable",
};

/** The stamp's facts as label and value, in the order a reader checks them. */
export function stampLines({ stamp }: VerifyReport): [string, string][] {
  const tls = stamp.tls;
  return [
    ["Target", stamp.url],
    ["Checked at", stamp.checkedAt],
    ["Version it reports", stamp.version ?? "none reported"],
    [
      "TLS",
      tls
        ? `${tls.protocol ?? "?"}, ${tls.trusted ? "certificate trusted" : `certificate NOT trusted (${tls.problem})`}`
        : "none (plain HTTP)",
    ],
    [
      "Certificate",
      tls
        ? `${tls.subject}${tls.subjectAltName ? ` (${tls.subjectAltName})` : ""}, issued by ${tls.issuer}, valid until ${tls.validTo}`
        : "-",
    ],
    ["Strict-Transport-Security", stamp.hsts ?? "not sent"],
    [
      "Account",
      stamp.account === "throwaway"
        ? "made for this run, deleted at its end"
        : "given in the environment (VERIFY_EMAIL), left as it was",
    ],
  ];
}

export function verdictLine({ summary, problems, complete }: VerifyReport) {
  const counts = `${summary.holds} hold, ${summary.fails} fail, ${summary.skipped} skipped, ${summary["not-from-outside"]} not checkable from outside, from ${summary.tests} checks`;
  if (!complete) return `Partial run: ${counts}.`;
  return problems.length === 0 ? `Every check held: ${counts}.` : `${problems.length} problem(s): ${counts}.`;
}

export function renderVerifyMarkdown(report: VerifyReport) {
  const rows = report.requirements.map(
    (r) =>
      `| ${shortId(r.id)} | ${VERIFY_STATUS_LABELS[r.status]} | ${r.summary.replace(/\|/g, "\\|")} | ${(r.reason ?? r.tests.map((t) => `${OUTCOME_MARKS[t.outcome]} ${t.title}`).join("<br>")).replace(/\|/g, "\\|")} |`,
  );
  return [
    "# Sessionproof deployment check",
    "",
    ...stampLines(report).map(([label, value]) => `- ${label}: ${value}`),
    "",
    verdictLine(report),
    "",
    ...(report.problems.length ? ["## Problems", "", ...report.problems.map((p) => `- ${p}`), ""] : []),
    "| ID | Status | Requirement (our words) | Checks, or why not |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

function requirementRow(r: VerifiedRequirement, evidence: CheckEvidence[]) {
  const tests = r.tests
    .map((t) => {
      const title = linkedTitle(evidence, t);
      return `<li class="${t.outcome}">${OUTCOME_MARKS[t.outcome]} ${title} <span class="meta">${escape(t.file)}</span></li>`;
    })
    .join("");
  return `<tr id="${escape(r.id)}"><td><strong>${escape(shortId(r.id))}</strong><div class="meta">${escape(r.standard)}</div></td>
<td><span class="status ${STATUS_CLASSES[r.status]}">${VERIFY_STATUS_LABELS[r.status]}</span></td>
<td>${escape(r.summary)}</td><td>${tests ? `<ul class="tests">${tests}</ul>` : `<span class="meta">${escape(r.reason ?? "")}</span>`}</td></tr>`;
}

/** One file, no external assets: it opens offline and can be handed over as it is. */
export function renderVerifyHtml(report: VerifyReport) {
  const ok = report.complete && report.problems.length === 0;
  const stamp = stampLines(report)
    .map(([label, value]) => `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sessionproof deployment check: ${escape(report.stamp.url)}</title><style>${STYLE}${EVIDENCE_STYLE}</style></head><body><main>
<h1>Sessionproof deployment check</h1>
<p class="meta">Written by npm run verify, from outside the deployment: only what HTTP and a browser can see. It is about this URL at this time, not about the code; the build's own report is reports/compliance.html. Requirements are paraphrased in our own words; IDs refer to OWASP ASVS and Fluid Attacks.</p>
<table>${stamp}</table>
<p class="verdict ${ok ? "ok" : "bad"}">${escape(verdictLine(report))}</p>
${report.problems.length ? `<h2>Problems</h2><ul>${report.problems.map((p) => `<li>${escape(p)}</li>`).join("")}</ul>` : ""}
<h2>Requirements</h2><table><thead><tr><th>ID</th><th>Status</th><th>Requirement (our words)</th><th>Checks, or why not</th></tr></thead><tbody>${report.requirements.map((r) => requirementRow(r, report.evidence)).join("")}</tbody></table>
<h2>Evidence</h2><p class="meta">What each check sent and received (cookies, tokens and passwords replaced by [redacted]; at most 40 exchanges and 600 characters of each body) and, for browser steps, what the browser showed (every form field masked).</p>
${renderEvidence(report.evidence)}
</main></body></html>
`;
}
