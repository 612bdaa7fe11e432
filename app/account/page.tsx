import type { Metadata } from "next";
import { listNotices } from "@/lib/dal/account";
import { requireViewer } from "@/lib/dal/viewer";
import { SecurityEventTable } from "@/app/components/security-event-table";
import { AccountNav } from "@/app/components/account-nav";
import { LocalTime } from "@/app/components/local-time";
import { dismissNoticesAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

type Props = { searchParams: Promise<{ notice?: string }> };

export default async function AccountPage({ searchParams }: Props) {
  const { email, isAdmin, session, policy } = await requireViewer();
  const [{ notice }, securityNotices] = await Promise.all([searchParams, listNotices()]);
  return (
    <section className="card">
      <AccountNav current="/account" isAdmin={isAdmin} />
      <h1>Your account</h1>
      {notice === "sessions-limit" && (
        <p role="status" className="notice">
          One account may have at most {policy.maxConcurrentSessions} sessions at once, so signing in here ended your
          least recently used session.
        </p>
      )}
      <p>
        You are signed in as <strong>{email}</strong>.
      </p>
      {securityNotices.length > 0 && (
        <section aria-labelledby="security-notices" className="notice">
          <h2 id="security-notices">Security notices</h2>
          <p>If any of these was not you, change your password and sign out everywhere.</p>
          <SecurityEventTable caption="Security notices" events={securityNotices} />
          <form action={dismissNoticesAction}>
            <button type="submit">Dismiss these notices</button>
          </form>
        </section>
      )}
      <h2>This session</h2>
      <dl className="facts">
        <dt>Session id (public, not a credential)</dt>
        <dd>
          <code>{session.publicId}</code>
        </dd>
        <dt>Signed in</dt>
        <dd>
          <LocalTime value={session.authenticatedAt} />
        </dd>
        <dt>Ends if you are inactive until</dt>
        <dd>
          <LocalTime value={session.idleExpiresAt} />
        </dd>
        <dt>Ends at the latest (cannot be extended)</dt>
        <dd>
          <LocalTime value={session.absoluteExpiresAt} />
        </dd>
      </dl>
      <p className="hint">
        The browser holds only a sealed reference to this session; every request is checked against the database.
      </p>
    </section>
  );
}
