import type { Metadata } from "next";
import { requireUser } from "@/lib/server/auth";
import { AccountNav } from "../../components/account-nav";
import { RequirementBadges } from "../../components/requirement-badges";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "Change password" };

export default async function PasswordPage() {
  const { user } = await requireUser();
  return (
    <section className="card">
      <AccountNav current="/account/password" isAdmin={user.role === "admin"} />
      <h1>Change password</h1>
      <RequirementBadges ids={["v3.0.1-3.18", "v4.0.3-3.3.3", "v5.0.0-7.4.3", "v5.0.0-6.2.3", "v5.0.0-7.2.4"]} />
      <p>Changing your password needs the current one. Afterwards you choose whether your other sessions stay signed in.</p>
      <div className="narrow-form">
        <PasswordForm />
      </div>
    </section>
  );
}
