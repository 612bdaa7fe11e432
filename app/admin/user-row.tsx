import { endUserSessionsAction, setUserDisabledAction } from "./actions";

type Props = {
  user: { id: number; email: string; role: string; disabledAt: Date | null };
  liveSessions: number;
  isYou: boolean;
};

export function UserRow({ user, liveSessions, isYou }: Props) {
  return (
    <tr>
      <th scope="row">
        {user.email}
        {isYou && <span className="tag">You</span>}
      </th>
      <td>{user.role}</td>
      <td>{user.disabledAt ? "Disabled" : "Active"}</td>
      <td>{liveSessions}</td>
      <td className="row-actions">
        <form action={endUserSessionsAction}>
          <input type="hidden" name="userId" value={user.id} />
          <button type="submit" aria-label={`End sessions of ${user.email}`} disabled={liveSessions === 0}>
            End sessions
          </button>
        </form>
        {!isYou && (
          <form action={setUserDisabledAction}>
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="disable" value={user.disabledAt ? "no" : "yes"} />
            <button
              type="submit"
              className="secondary"
              aria-label={`${user.disabledAt ? "Enable" : "Disable"} ${user.email}`}
            >
              {user.disabledAt ? "Enable" : "Disable"}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
