import type { Metadata } from "next";
import Link from "next/link";
import { listSessions } from "@/lib/dal/account";
import { listLinks } from "@/lib/dal/programs";
import { requireViewer } from "@/lib/dal/viewer";
import { AccountNav } from "@/app/components/account-nav";
import { ProgramLinksTable } from "@/app/components/program-links-table";
import { ReauthenticationGate } from "@/app/components/reauthentication/reauthentication-gate";
import { signOutOtherSessionsAction } from "./actions";
import { SessionRow } from "./session-row";

export const metadata: Metadata = { title: "Your sessions" };

const NOTICES: Record<string, string> = {
  revoked: "The session has been ended. It is refused from its very next request.",
  "others-ended": "All your other sessions have been ended.",
  "confirm-first": "Your password confirmation has expired. Confirm your password again to end sessions.",
};

type Props = { searchParams: Promise<{ notice?: string }> };

export default async function SessionsPage({ searchParams }: Props) {
  const { isAdmin, recentlyAuthenticated, policy } = await requireViewer();
  const [sessions, links, { notice }] = await Promise.all([listSessions(), listLinks(), searchParams]);
  const others = sessions.length - 1;
  return (
    <section className="card">
      <AccountNav current="/account/sessions" isAdmin={isAdmin} />
      <h1>Your sessions</h1>
      <p>
        Every browser or device signed in to your account, most recently active first. A session you end is refused on
        its very next request.
      </p>
      <p>
        Your account may have at most {policy.maxConcurrentSessions} sessions at once: signing in on another one ends
        the least recently used.
      </p>
      {notice && NOTICES[notice] && (
        <p role="status" className="notice">
          {NOTICES[notice]}
        </p>
      )}
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Active sessions</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">Last used from</th>
              <th scope="col">Ends if inactive</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((row) => (
              <SessionRow key={row.publicId} session={row} canRevoke={recentlyAuthenticated} />
            ))}
          </tbody>
        </table>
      </div>
      <h2>Linked programs</h2>
      <p>
        Programs you linked on the <Link href="/account/apps">Linked programs</Link> page. &ldquo;Sign out
        everywhere&rdquo; ends these links too.
      </p>
      <ProgramLinksTable links={links} canEnd={recentlyAuthenticated} />
      <ReauthenticationGate purpose="end sessions" returnTo="/account/sessions">
        <div className="actions">
          <form action={signOutOtherSessionsAction}>
            <button type="submit" disabled={others === 0}>
              Sign out all other sessions
            </button>
          </form>
          <form method="post" action="/auth/sign-out-everywhere">
            <button type="submit" className="secondary">
              Sign out everywhere
            </button>
          </form>
        </div>
      </ReauthenticationGate>
    </section>
  );
}
