import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentSession } from "@/lib/server/auth";
import { InsecureOriginNotice } from "../components/insecure-origin-notice";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

// Fixed texts chosen by a fixed word in the URL: nothing from the URL is ever echoed.
const REASON_NOTICES: Record<string, string> = {
  idle: "You were signed out because the session was inactive for too long. Please sign in again.",
  expired: "Your session reached its maximum lifetime, which cannot be extended. Please sign in again.",
  ended: "Your session has ended. Please sign in again.",
  "signed-out": "You have signed out. The session has been ended on the server.",
  "sign-out-incomplete":
    "This browser has forgotten your session, but the server could not be reached to end it. It will expire on its own after the idle timeout.",
};

type Props = { searchParams: Promise<{ reason?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  const { reason } = await searchParams;
  const notice = reason ? REASON_NOTICES[reason] : undefined;
  const current = await getCurrentSession();
  return (
    <section className="card narrow">
      <h1>Sign in</h1>
      <InsecureOriginNotice />
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {current.status === "valid" && (
        <p className="notice">
          You are signed in as {current.user.email}. Signing in again ends that session and starts a new one.
        </p>
      )}
      <LoginForm />
      <p>
        New here? <Link href="/signup">Create account</Link>
      </p>
    </section>
  );
}
