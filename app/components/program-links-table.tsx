import { describeLinkEnd } from "@/lib/programs/link-end-reasons";
import type { ProgramLinkItem } from "@/lib/dal/programs";
import { endLinkAction } from "@/app/account/apps/actions";
import { LocalTime } from "./local-time";

type Props = { links: ProgramLinkItem[]; canEnd: boolean };

/** The viewer's program links: live ones can be ended; ended ones say why. */
export function ProgramLinksTable({ links, canEnd }: Props) {
  if (links.length === 0) return <p>No program is linked to your account.</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">Linked programs</caption>
        <thead>
          <tr>
            <th scope="col">Program</th>
            <th scope="col">Linked</th>
            <th scope="col">Last used</th>
            <th scope="col">Last address</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.publicId}>
              <th scope="row">{link.name}</th>
              <td>
                <LocalTime value={link.createdAt} />
              </td>
              <td>{link.lastUsedAt ? <LocalTime value={link.lastUsedAt} /> : "never"}</td>
              <td>{link.lastUsedAddress ?? "unknown"}</td>
              <td>
                {link.endedAt ? (
                  <>
                    Ended <LocalTime value={link.endedAt} />. {describeLinkEnd(link.endReason)}
                  </>
                ) : canEnd ? (
                  <form action={endLinkAction}>
                    <input type="hidden" name="publicId" value={link.publicId} />
                    <button type="submit" aria-label={`End the link of ${link.name}`}>
                      End link
                    </button>
                  </form>
                ) : (
                  "Live"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
