import { shortId, type Requirement } from "@/proof/compliance/registry";
import { statusOf, type RequirementResult } from "@/proof/compliance/report";
import { OUTCOME_MARKS, STATUS_LABELS, levelLabel } from "@/proof/compliance/render-text";

type Props = { requirement: Requirement; result?: RequirementResult };

export function RequirementRow({ requirement, result }: Props) {
  // Only test evidence needs a report; documented, deployment and not applicable are known from the registry.
  const status = result?.status ?? (requirement.evidence === "test" ? undefined : statusOf(requirement, []));
  return (
    <tr id={requirement.id}>
      <th scope="row">
        {shortId(requirement.id)}
        <div className="hint">{levelLabel(requirement)}</div>
      </th>
      <td>
        <span className={`status ${status ?? "unknown"}`}>{status ? STATUS_LABELS[status] : "not run yet"}</span>
      </td>
      <td>
        {requirement.summary}
        {requirement.reason && <p className="hint">{requirement.reason}</p>}
        {requirement.notMet && <p className="hint">{requirement.notMet}</p>}
        <p className="hint">
          Implemented in{" "}
          {requirement.implementedIn.map((file) => (
            <code key={file}>{file} </code>
          ))}
        </p>
        {requirement.mapsTo.length > 0 && (
          <p className="hint">
            Same idea in other versions:{" "}
            {requirement.mapsTo.map((id) => (
              <a key={id} href={`#${id}`} className="mapped">
                {id}
              </a>
            ))}
          </p>
        )}
      </td>
      <td>
        {result && result.tests.length > 0 ? (
          <ul className="test-list">
            {result.tests.map((test) => (
              <li key={`${test.file}:${test.title}`} className={test.outcome}>
                {OUTCOME_MARKS[test.outcome]} {test.title}
              </li>
            ))}
          </ul>
        ) : (
          <span className="hint">
            {requirement.evidence === "test" ? "no test in the latest report" : "not a matter for tests"}
          </span>
        )}
      </td>
    </tr>
  );
}
