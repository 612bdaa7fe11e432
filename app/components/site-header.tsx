import Link from "next/link";
import { getViewer } from "@/lib/dal/viewer";
import { SessionCountdown } from "./session-countdown";

export async function SiteHeader() {
  const viewer = await getViewer();
  return (
    <header className="site-header">
      <nav aria-label="Main">
        <Link href="/" className="brand">
          Sessionproof
        </Link>
        {viewer ? (
          <div className="signed-in">
            <Link href="/account">Account</Link>
            <span>
              Signed in as <strong>{viewer.email}</strong>
            </span>
            {/* A real POST form: signing out must never be a link a third party can trigger. */}
            <form method="post" action="/auth/sign-out">
              <button type="submit">Sign out</button>
            </form>
          </div>
        ) : (
          <div className="signed-out">
            <Link href="/login">Sign in</Link>
            <Link href="/signup">Create account</Link>
          </div>
        )}
      </nav>
      {viewer && (
        <div className="session-bar">
          <SessionCountdown
            serverTime={new Date().toISOString()}
            idleExpiresAt={viewer.session.idleExpiresAt.toISOString()}
            absoluteExpiresAt={viewer.session.absoluteExpiresAt.toISOString()}
            idleTimeoutSeconds={viewer.policy.idleTimeoutSeconds}
          />
        </div>
      )}
    </header>
  );
}
