import type { Metadata } from "next";
import { STANDARDS, loadRegistry, standardOf } from "@/proof/compliance/registry";
import { levelLabel, provenanceLine, summaryLine } from "@/proof/compliance/render-text";
import {
  readLatestComplianceReport,
  readLatestTokenAnalysis,
  reportSpeaksForRunningCode,
} from "@/proof/latest-reports";
import { RequirementRow } from "./requirement-row";
import { TokenAnalysisSummary } from "./token-analysis-summary";

export const metadata: Metadata = { title: "Compliance" };

const LEVELS = ["L1", "L2", "L3"];

type Props = { searchParams: Promise<{ standard?: string; level?: string }> };

export default async function CompliancePage({ searchParams }: Props) {
  const { standard, level } = await searchParams;
  const [report, tokenAnalysis] = await Promise.all([readLatestComplianceReport(), readLatestTokenAnalysis()]);
  const current = report !== null && reportSpeaksForRunningCode(report);
  const results = new Map(report?.requirements.map((result) => [result.id, result]));
  const shown = loadRegistry().requirements.filter(
    (requirement) =>
      (!standard || standardOf(requirement.id) === standard) && (!level || levelLabel(requirement) === level),
  );
  return (
    <section className="card">
      <h1>Compliance</h1>
      <p>
        Every requirement this app answers for, in our own words, with where it is implemented and the end-to-end tests
        that prove it. <code>npm run e2e</code> runs those tests and writes the report this page reads, also as{" "}
        <code>reports/compliance.html</code>.
      </p>
      <p role="status" className={`notice ${report && report.problems.length === 0 && current ? "" : "warning"}`}>
        {report ? `Latest run: ${summaryLine(report)}` : "No report yet: run npm run e2e to produce one."}
      </p>
      {report && (
        <p className="hint">
          {provenanceLine(report)}{" "}
          {current
            ? "It was made from the code this server runs."
            : "It is older than the code this server runs (another commit or uncommitted changes): run npm run e2e again."}
        </p>
      )}
      <form method="get" className="filters">
        <label htmlFor="standard">Version</label>
        <select id="standard" name="standard" defaultValue={standard ?? ""}>
          <option value="">All</option>
          {STANDARDS.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
        <label htmlFor="level">Level</label>
        <select id="level" name="level" defaultValue={level ?? ""}>
          <option value="">All</option>
          {LEVELS.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
        <button type="submit">Show</button>
      </form>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Requirements</caption>
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Status</th>
              <th scope="col">Requirement</th>
              <th scope="col">Proven by</th>
            </tr>
          </thead>
          {STANDARDS.map((name) => {
            const rows = shown.filter((requirement) => standardOf(requirement.id) === name);
            if (rows.length === 0) return null;
            return (
              <tbody key={name}>
                <tr>
                  <th colSpan={4} scope="colgroup" className="group">
                    {name}
                  </th>
                </tr>
                {rows.map((requirement) => (
                  <RequirementRow key={requirement.id} requirement={requirement} result={results.get(requirement.id)} />
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
      <h2 id="token-randomness">Session token randomness</h2>
      <p>
        A built-in sequencer, like Burp Sequencer&apos;s token analysis: FIPS 140-2 tests on the stream and on every bit
        position, a NIST SP 800-22 subset, character-level tests, uniqueness and an entropy estimate.
      </p>
      <TokenAnalysisSummary latest={tokenAnalysis} />
    </section>
  );
}
