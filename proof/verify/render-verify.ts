import { escape, STYLE } from "@/proof/compliance/render-html";
import { shortId } from "@/proof/compliance/registry";
import { OUTCOME_MARKS } from "@/proof/compliance/render-text";
import type { CheckEvidence, VerifiedRequirement, VerifyReport, VerifyStatus } from "./verify-report";

/** The HTML report holds at most this many bytes of screenshots; past it, a check's pictures are left out and it says so. */
export const SCREENSHOT_BUDGET_BYTES = 4_000_000;

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

const EVIDENCE_STYLE = `
section{background:#fff;border:1px solid #d9dee5;border-radius:10px;padding:.5rem 1rem 1rem;margin:1rem 0}
pre{white-space:pre-wrap;word-break:break-all;font-size:.8rem;background:#f6f7f9;padding:.5rem;border-radius:6px}
figure{margin:.75rem 0}
`;

const checkAnchor = (index: number) => `check-${index + 1}`;

function requirementRow(r: VerifiedRequirement, evidence: CheckEvidence[]) {
  const tests = r.tests
    .map((t) => {
      const index = evidence.findIndex((check) => check.title === t.title && check.file === t.file);
      const title = index >= 0 ? `<a href="#${checkAnchor(index)}">${escape(t.title)}</a>` : escape(t.title);
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

function exchangeText(exchange: CheckEvidence["exchanges"][number]) {
  const headers = (all: Record<string, string>) =>
    Object.entries(all)
      .map(([name, value]) => `${name}: ${value}`)
      .join("\n");
  return `${exchange.request}\n${headers(exchange.requestHeaders)}\n\n→ ${exchange.status}\n${headers(exchange.responseHeaders)}\n\n${exchange.body}`;
}

function renderEvidence(evidence: CheckEvidence[]) {
  let budget = SCREENSHOT_BUDGET_BYTES;
  return evidence
    .map((check, index) => {
      const pictures = check.screenshots
        .map(({ label, jpegBase64 }) => {
          if (jpegBase64.length > budget)
            return `<p class="meta">Screenshot "${escape(label)}" left out: the report's size is bounded.</p>`;
          budget -= jpegBase64.length;
          return `<figure><img alt="${escape(label)}" style="max-width:100%;border:1px solid #d9dee5" src="data:image/jpeg;base64,${jpegBase64}"><figcaption class="meta">${escape(label)}</figcaption></figure>`;
        })
        .join("");
      const exchanges = check.exchanges
        .map(
          (exchange) =>
            `<details><summary><code>${escape(exchange.request)}</code> → ${exchange.status}</summary><pre>${escape(exchangeText(exchange))}</pre></details>`,
        )
        .join("");
      const notKept = check.exchangesNotKept
        ? `<p class="meta">${check.exchangesNotKept} more exchanges not kept.</p>`
        : "";
      return `<section id="${checkAnchor(index)}"><h3>${OUTCOME_MARKS[check.outcome]} ${escape(check.title)}</h3><p class="meta">${escape(check.file)}</p>${pictures}${exchanges}${notKept}</section>`;
    })
    .join("");
}
