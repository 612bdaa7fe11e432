import type { Metadata } from "next";
import { requireViewer } from "@/lib/dal/viewer";
import { AccountNav } from "@/app/components/account-nav";
import { EmailForm } from "./email-form";
import { WaitBoundary } from "@/app/components/wait-boundary";

export const metadata: Metadata = { title: "Change email" };

export default async function EmailPage() {
  const { email, isAdmin } = await requireViewer();
  return (
    <section className="card">
      <AccountNav current="/account/email" isAdmin={isAdmin} />
      <h1>Change email</h1>
      <p>
        You sign in with <strong>{email}</strong>. Changing it needs your current password, and gives this session a new
        token.
      </p>
      <div className="narrow-form">
        <WaitBoundary>
          <EmailForm />
        </WaitBoundary>
      </div>
    </section>
  );
}
