import type { AdministrationOverview } from "@/lib/dal/administration";
import { endUserSessionsAction, setUserDisabledAction, unlockUserAction } from "./actions";

type Props = { user: AdministrationOverview["users"][number] };

export function UserRow({ user }: Props) {
  const { liveSessions, isYou } = user;
  return (
    <tr>
      <th scope="row">
        {user.email}
        {isYou && <span className="tag">You</span>}
      </th>
      <td>{user.role}</td>
      <td>{user.disabled ? "Disabled" : "Active"}</td>
      <td>{liveSessions}</td>
      <td className="row-actions">
        <form action={endUserSessionsAction}>
          <input type="hidden" name="userId" value={user.id} />
          <button type="submit" aria-label={`End sessions of ${user.email}`} disabled={liveSessions === 0}>
            End sessions
          </button>
        </form>
        <form action={unlockUserAction}>
          <input type="hidden" name="userId" value={user.id} />
          <button type="submit" className="secondary" aria-label={`Clear the wrong passwords of ${user.email}`}>
            Clear wrong passwords
          </button>
        </form>
        {!isYou && (
          <form action={setUserDisabledAction}>
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="disable" value={user.disabled ? "no" : "yes"} />
            <button
              type="submit"
              className="secondary"
              aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
            >
              {user.disabled ? "Enable" : "Disable"}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
