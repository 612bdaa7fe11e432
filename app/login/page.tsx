import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/dal/viewer";
import { SIGN_IN_NOTICES, isSignInNotice } from "@/lib/session/end-notices";
import { InsecureOriginNotice } from "@/app/components/insecure-origin-notice";
import { WaitBoundary } from "@/app/components/wait-boundary";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ reason?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  const { reason } = await searchParams;
  const notice = isSignInNotice(reason) ? SIGN_IN_NOTICES[reason] : undefined;
  const viewer = await getViewer();
  return (
    <section className="card narrow">
      <h1>Sign in</h1>
      <InsecureOriginNotice />
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {viewer && (
        <p className="notice">
          You are signed in as {viewer.email}. Signing in again ends that session and starts a new one.
        </p>
      )}
      <WaitBoundary>
        <LoginForm />
      </WaitBoundary>
      <p>
        New here? <Link href="/signup">Create account</Link>
      </p>
    </section>
  );
}
