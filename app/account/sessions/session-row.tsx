import Link from "next/link";
import { describeDevice } from "@/lib/activity/device";
import type { SessionListItem } from "@/lib/dal/account";
import { LocalTime } from "@/app/components/local-time";
import { revokeSessionAction } from "./actions";
import { LastUse } from "./last-use";

type Props = { session: SessionListItem; canRevoke: boolean };

export function SessionRow({ session, canRevoke }: Props) {
  const isCurrent = session.isCurrent;
  const device = describeDevice(session.userAgent);
  return (
    <tr aria-current={isCurrent ? "true" : undefined}>
      <th scope="row">
        <Link href={`/account/sessions/${session.publicId}`}>{device}</Link>
        {isCurrent && <span className="tag">This session</span>}
      </th>
      <td>{session.ipAddress ?? "unknown"}</td>
      <td>
        <LocalTime value={session.createdAt} />
      </td>
      <td>
        <LocalTime value={session.lastSeenAt} />
      </td>
      <td>
        <LastUse session={session} />
      </td>
      <td>
        <LocalTime value={session.idleExpiresAt} />
      </td>
      <td>
        {canRevoke && !isCurrent && (
          <form action={revokeSessionAction}>
            <input type="hidden" name="publicId" value={session.publicId} />
            <button type="submit" aria-label={`Revoke ${device}, session ${session.publicId.slice(0, 8)}`}>
              Revoke
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
