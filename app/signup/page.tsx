import type { Metadata } from "next";
import Link from "next/link";
import { RequirementBadges } from "../components/requirement-badges";
import { InsecureOriginNotice } from "../components/insecure-origin-notice";
import { SignUpForm } from "./signup-form";

export const metadata: Metadata = { title: "Create account" };

export default function SignUpPage() {
  return (
    <section className="card narrow">
      <h1>Create account</h1>
      <RequirementBadges ids={["v5.0.0-7.2.3", "v5.0.0-7.6.2", "v5.0.0-6.2.3"]} />
      <InsecureOriginNotice />
      <SignUpForm />
      <p>
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </section>
  );
}
