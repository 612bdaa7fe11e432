import Link from "next/link";
import { getCurrentSession } from "@/lib/server/auth";
import { getSessionPolicy } from "@/lib/server/policy";
import { SessionTimer } from "./session-timer";

export async function SiteHeader() {
  const current = await getCurrentSession();
  return (
    <header className="site-header">
      <nav aria-label="Main">
        <Link href="/" className="brand">
          Sessionproof
        </Link>
        {current.status === "valid" ? (
          <div className="signed-in">
            <Link href="/account">Account</Link>
            <span>
              Signed in as <strong>{current.user.email}</strong>
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
      {current.status === "valid" && (
        <div className="session-bar">
          <SessionTimer
            serverTime={new Date().toISOString()}
            idleExpiresAt={current.session.idleExpiresAt.toISOString()}
            absoluteExpiresAt={current.session.absoluteExpiresAt.toISOString()}
            idleTimeoutSeconds={(await getSessionPolicy()).idleTimeoutSeconds}
          />
        </div>
      )}
    </header>
  );
}
