import { STANDARDS, sentenceOf, shortId } from "./registry";
import type { ComplianceReport, RequirementResult, RequirementStatus } from "./report";

export const STATUS_LABELS: Record<RequirementStatus, string> = {
  proven: "proven",
  failing: "FAILING",
  untested: "NOT PROVEN",
  "not-applicable": "not applicable",
};

export function summaryLine({ summary, problems, complete }: ComplianceReport) {
  const verdict =
    problems.length > 0
      ? `${problems.length} problem(s)`
      : complete
        ? "Every applicable requirement is proven"
        : "Partial run (only some test files), no problems in what it covered";
  return `${verdict}: ${summary.proven} proven, ${summary.failing} failing, ${summary.untested} not proven, ${summary["not-applicable"]} not applicable, from ${summary.tests} tests.`;
}

export function levelLabel(requirement: { level: number | null }) {
  return requirement.level === null ? "-" : `L${requirement.level}`;
}

/** Requirements of one standard, grouped by the lowest level at which they apply. */
export function groupByStandardAndLevel(requirements: RequirementResult[]) {
  return STANDARDS.map((standard) => {
    const own = requirements.filter((requirement) => requirement.standard === standard);
    const levels = [...new Set(own.map(levelLabel))].sort();
    return { standard, levels: levels.map((level) => ({ level, requirements: own.filter((r) => levelLabel(r) === level) })) };
  }).filter((group) => group.levels.length > 0);
}

/** The short table `npm run e2e` prints at the end. */
export function renderConsoleTable(report: ComplianceReport) {
  const rows = groupByStandardAndLevel(report.requirements).map(({ standard, levels }) => {
    const all = levels.flatMap((level) => level.requirements);
    const count = (status: RequirementStatus) => all.filter((r) => r.status === status).length;
    return `  ${standard.padEnd(14)} ${String(count("proven")).padStart(3)} proven  ${String(count("failing")).padStart(2)} failing  ${String(count("untested")).padStart(2)} not proven  ${String(count("not-applicable")).padStart(2)} n/a`;
  });
  return ["", "Compliance", ...rows, `  ${summaryLine(report)}`, ...report.problems.map((problem) => `  ! ${problem}`)].join("\n");
}

export function renderMarkdown(report: ComplianceReport) {
  const lines = [`# Compliance report`, "", `Generated ${report.generatedAt}. ${summaryLine(report)}`, ""];
  if (report.problems.length) lines.push("## Problems", "", ...report.problems.map((problem) => `- ${problem}`), "");
  for (const { standard, levels } of groupByStandardAndLevel(report.requirements)) {
    lines.push(`## ${standard}`, "");
    for (const { level, requirements } of levels) {
      lines.push(`### ${level}`, "", "| ID | Status | Requirement (our words) | Tests |", "|---|---|---|---|");
      for (const r of requirements) {
        const what = r.applies ? r.summary : `${r.summary} *Not applicable: ${r.reason}*`;
        const tests = r.tests.map((t) => `${t.outcome === "passed" ? "✓" : t.outcome === "failed" ? "✗" : "–"} ${sentenceOf(t.title).replace(/\|/g, "\\|")} (${t.durationMs} ms)`);
        lines.push(`| ${shortId(r.id)} | ${STATUS_LABELS[r.status]} | ${what.replace(/\|/g, "\\|")} | ${tests.join("<br>") || "—"} |`);
      }
      lines.push("");
    }
  }
  return lines.join("\n");
}
