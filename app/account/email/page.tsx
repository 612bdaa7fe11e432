import type { Metadata } from "next";
import { requireUser } from "@/lib/server/auth";
import { AccountNav } from "../../components/account-nav";
import { RequirementBadges } from "../../components/requirement-badges";
import { EmailForm } from "./email-form";

export const metadata: Metadata = { title: "Change email" };

export default async function EmailPage() {
  const { user } = await requireUser();
  return (
    <section className="card">
      <AccountNav current="/account/email" isAdmin={user.role === "admin"} />
      <h1>Change email</h1>
      <RequirementBadges ids={["v5.0.0-7.5.1", "v4.0.3-3.7.1", "v5.0.0-7.2.4", "v3.0.1-3.7"]} />
      <p>
        You sign in with <strong>{user.email}</strong>. Changing it needs your current password, and gives this session
        a new token.
      </p>
      <div className="narrow-form">
        <EmailForm />
      </div>
    </section>
  );
}
