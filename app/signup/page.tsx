import type { Metadata } from "next";
import Link from "next/link";
import { InsecureOriginNotice } from "@/app/components/insecure-origin-notice";
import { WaitBoundary } from "@/app/components/wait-boundary";
import { SignUpForm } from "./signup-form";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <section className="card narrow">
      <h1>Create account</h1>
      <InsecureOriginNotice />
      <WaitBoundary>
        <SignUpForm />
      </WaitBoundary>
      <p>
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </section>
  );
}
