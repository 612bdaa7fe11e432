import type { Metadata } from "next";
import { requireUser } from "@/lib/server/auth";
import { LocalTime } from "../components/local-time";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const { user, session } = await requireUser();
  return (
    <section className="card">
      <h1>Your account</h1>
      <p>
        You are signed in as <strong>{user.email}</strong>.
      </p>
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
