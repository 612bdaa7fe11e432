import type { Metadata } from "next";
import Link from "next/link";
import { InsecureOriginNotice } from "@/app/components/insecure-origin-notice";
import { SignUpForm } from "./signup-form";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <section className="card narrow">
      <h1>Create account</h1>
      <InsecureOriginNotice />
      <SignUpForm />
      <p>
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </section>
  );
}
