import type { Metadata } from "next";
import { readAdministrationOverview } from "@/lib/dal/administration";
import { requireAdministrator } from "@/lib/dal/administration";
import { AccountNav } from "@/app/components/account-nav";
import { LocalTime } from "@/app/components/local-time";
import { ReauthenticationGate } from "@/app/components/reauthentication/reauthentication-gate";
import { endEverySessionAction, resetTimeoutsAction } from "./actions";
import { TimeoutsForm } from "./timeouts-form";
import { UserRow } from "./user-row";

export const metadata: Metadata = { title: "Administration" };

const NOTICES: Record<string, string> = {
  "timeouts-saved": "The new timeouts apply now, to new and existing sessions alike.",
  "timeouts-reset": "The timeouts are back to the values from the environment.",
  "user-sessions-ended": "That user's sessions have been ended.",
  "every-session-ended": "Every session has been ended, except the one you are using.",
  "user-disabled": "The user is disabled: their sessions have ended and they cannot sign in.",
  "user-enabled": "The user can sign in again.",
  "user-unlocked":
    "That user's count of wrong passwords is cleared: sign-ins from browsers their account does not know are checked again.",
  "not-yourself": "You cannot disable your own account.",
  "no-such-user": "That user no longer exists.",
  "confirm-first": "Your password confirmation has expired. Confirm your password again.",
};

type Props = { searchParams: Promise<{ notice?: string }> };

export default async function AdminPage({ searchParams }: Props) {
  await requireAdministrator();
  const [{ notice }, { timeouts, users, recentActions }] = await Promise.all([
    searchParams,
    readAdministrationOverview(),
  ]);
  return (
    <section className="card">
      <AccountNav current="/admin" isAdmin />
      <h1>Administration</h1>
      {notice && NOTICES[notice] && (
        <p role="status" className="notice">
          {NOTICES[notice]}
        </p>
      )}
      <ReauthenticationGate purpose="use the administration tools" returnTo="/admin">
        <h2>Session timeouts</h2>
        <p>
          In force: idle {timeouts.idleTimeoutSeconds} s, absolute {timeouts.absoluteTimeoutSeconds} s
          {timeouts.setByAdministrator ? " (set here)" : " (from the environment)"}. A lower absolute timeout also
          shortens sessions that already exist.
        </p>
        <TimeoutsForm
          idleTimeoutSeconds={timeouts.idleTimeoutSeconds}
          absoluteTimeoutSeconds={timeouts.absoluteTimeoutSeconds}
        />
        <form action={resetTimeoutsAction}>
          <button type="submit" className="secondary">
            Use the environment&apos;s timeouts
          </button>
        </form>

        <h2>Sessions of every user</h2>
        <form action={endEverySessionAction}>
          <button type="submit" className="danger">
            End every session
          </button>
        </form>
        <p className="hint">Ends every session of every user, except the one you are using now.</p>

        <h2>Users</h2>
        <p className="hint">
          Wrong passwords from browsers an account does not know lock its sign-ins for a while; browsers its owner has
          signed in with are never held by them. <em>Clear wrong passwords</em> lifts such a lock at once, for an owner
          who must sign in from a new browser.
        </p>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Live sessions</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((row) => (
                <UserRow key={row.id} user={row} />
              ))}
            </tbody>
          </table>
        </div>

        <h2>Recent administrator actions</h2>
        {recentActions.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ol className="audit">
            {recentActions.map((action) => (
              <li key={action.id}>
                <LocalTime value={action.at} />: {action.actorEmail} — {action.action}
                {action.targetEmail && ` — ${action.targetEmail}`}
                {action.detail && ` (${action.detail})`}
              </li>
            ))}
          </ol>
        )}
      </ReauthenticationGate>
    </section>
  );
}
