import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentSession } from "@/lib/server/auth";
import { SIGN_IN_NOTICES, isSignInNotice } from "@/lib/session-end-notices";
import { InsecureOriginNotice } from "@/app/components/insecure-origin-notice";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ reason?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  const { reason } = await searchParams;
  const notice = isSignInNotice(reason) ? SIGN_IN_NOTICES[reason] : undefined;
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
