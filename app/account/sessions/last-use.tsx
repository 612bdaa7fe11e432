import { describeDevice } from "@/lib/activity/device";
import type { SessionListItem } from "@/lib/dal/account";

/** Where a session was last used, marked when that is another device or network than its sign-in. */
export function LastUse({ session }: { session: SessionListItem }) {
  return (
    <>
      {session.lastIpAddress ?? "unknown"}, {describeDevice(session.lastUserAgent)}
      {session.otherDevice && <span className="tag warning">Another device than at sign-in</span>}
      {session.otherNetwork && <span className="tag warning">Another network than at sign-in</span>}
    </>
  );
}
