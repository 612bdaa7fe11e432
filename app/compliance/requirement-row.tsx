import { sentenceOf, shortId } from "@/lib/compliance/registry";
import type { Requirement } from "@/lib/compliance/registry";
import type { RequirementResult } from "@/lib/compliance/report";
import { STATUS_LABELS, levelLabel } from "@/lib/compliance/render-text";

type Props = { requirement: Requirement; result?: RequirementResult };

export function RequirementRow({ requirement, result }: Props) {
  const status = result?.status;
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
        {!requirement.applies && <p className="hint">Not applicable: {requirement.reason}</p>}
        <p className="hint">
          Implemented in {requirement.implementedIn.map((file) => <code key={file}>{file} </code>)}
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
                {test.outcome === "passed" ? "✓" : test.outcome === "failed" ? "✗" : "–"} {sentenceOf(test.title)}
              </li>
            ))}
          </ul>
        ) : (
          <span className="hint">no test in the latest report</span>
        )}
      </td>
    </tr>
  );
}
