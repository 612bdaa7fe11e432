import { STANDARDS, shortId } from "./registry";
import type { ComplianceReport, RequirementResult, RequirementStatus, TestOutcome } from "./report";

export const STATUS_LABELS: Record<RequirementStatus, string> = {
  proven: "proven",
  failing: "FAILING",
  "not-proven": "NOT PROVEN",
  "not-met": "not met",
  documented: "documented",
  deployment: "holds when deployed as documented",
  "not-applicable": "not applicable",
};

export const OUTCOME_MARKS: Record<TestOutcome, string> = {
  passed: "✓",
  failed: "✗",
  flaky: "✗ flaky",
  "expected-failure": "✗ expected to fail",
  interrupted: "✗ interrupted",
  skipped: "– skipped",
};

export function summaryLine({ summary, problems, complete }: ComplianceReport) {
  const verdict =
    problems.length > 0
      ? `${problems.length} problem(s)`
      : complete
        ? "Every requirement with test evidence is proven or recorded as not met"
        : "Partial run (not every test ran), no problems in what it covered";
  return `${verdict}: ${summary.proven} proven, ${summary.failing} failing, ${summary["not-proven"]} not proven, ${summary["not-met"]} not met, ${summary.documented} documented, ${summary.deployment} by deployment, ${summary["not-applicable"]} not applicable, from ${summary.tests} tests.`;
}

/** Where the report came from: commit, uncommitted changes, registry and tools. */
export function provenanceLine({ run, generatedAt }: ComplianceReport) {
  if (!run) return `Generated ${generatedAt}.`;
  const tools = Object.entries(run.tools)
    .map(([name, version]) => `${name} ${version}`)
    .join(", ");
  const commit = run.commit
    ? `commit ${run.commit.slice(0, 12)}${run.dirty ? " with uncommitted changes" : ""}`
    : "no git commit";
  return `Generated ${run.finishedAt} from ${commit}, registry ${run.registryHash}; ${tools}.`;
}

export function levelLabel(requirement: { level: number | null }) {
  return requirement.level === null ? "-" : `L${requirement.level}`;
}

/** Requirements of one standard, grouped by the lowest level at which they apply. */
export function groupByStandardAndLevel(requirements: RequirementResult[]) {
  return STANDARDS.map((standard) => {
    const own = requirements.filter((requirement) => requirement.standard === standard);
    const levels = [...new Set(own.map(levelLabel))].sort();
    return {
      standard,
      levels: levels.map((level) => ({ level, requirements: own.filter((r) => levelLabel(r) === level) })),
    };
  }).filter((group) => group.levels.length > 0);
}

/** The short table `npm run e2e` prints at the end. */
export function renderConsoleTable(report: ComplianceReport) {
  const rows = groupByStandardAndLevel(report.requirements).map(({ standard, levels }) => {
    const all = levels.flatMap((level) => level.requirements);
    const count = (status: RequirementStatus) => all.filter((r) => r.status === status).length;
    const column = (status: RequirementStatus, label: string) => `${String(count(status)).padStart(3)} ${label}`;
    return `  ${standard.padEnd(14)}${column("proven", "proven")}${column("failing", "failing")}${column("not-proven", "not proven")}${column("not-met", "not met")}${column("documented", "documented")}${column("deployment", "deployment")}${column("not-applicable", "n/a")}`;
  });
  return [
    "",
    "Compliance",
    ...rows,
    `  ${summaryLine(report)}`,
    ...report.problems.map((problem) => `  ! ${problem}`),
  ].join("\n");
}

export function renderMarkdown(report: ComplianceReport) {
  const lines = [`# Compliance report`, "", provenanceLine(report), "", summaryLine(report), ""];
  if (report.problems.length) lines.push("## Problems", "", ...report.problems.map((problem) => `- ${problem}`), "");
  for (const { standard, levels } of groupByStandardAndLevel(report.requirements)) {
    lines.push(`## ${standard}`, "");
    for (const { level, requirements } of levels) {
      lines.push(`### ${level}`, "", "| ID | Status | Requirement (our words) | Tests |", "|---|---|---|---|");
      for (const r of requirements) {
        const what = [r.summary, r.reason && `*${STATUS_LABELS[r.status]}: ${r.reason}*`, r.notMet && `*${r.notMet}*`]
          .filter(Boolean)
          .join(" ");
        const tests = r.tests.map(
          (t) => `${OUTCOME_MARKS[t.outcome]} ${t.title.replace(/\|/g, "\\|")} (${t.runner}, ${t.durationMs} ms)`,
        );
        lines.push(
          `| ${shortId(r.id)} | ${STATUS_LABELS[r.status]} | ${what.replace(/\|/g, "\\|")} | ${tests.join("<br>") || "—"} |`,
        );
      }
      lines.push("");
    }
  }
  return lines.join("\n");
}
