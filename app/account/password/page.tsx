import type { Metadata } from "next";
import { requireViewer } from "@/lib/dal/viewer";
import { AccountNav } from "@/app/components/account-nav";
import { PasswordForm } from "./password-form";
import { WaitBoundary } from "@/app/components/wait-boundary";

export const metadata: Metadata = { title: "Change password" };

export default async function PasswordPage() {
  const { isAdmin } = await requireViewer();
  return (
    <section className="card">
      <AccountNav current="/account/password" isAdmin={isAdmin} />
      <h1>Change password</h1>
      <p>
        Changing your password needs the current one. Afterwards you choose whether your other sessions stay signed in.
      </p>
      <div className="narrow-form">
        <WaitBoundary>
          <PasswordForm />
        </WaitBoundary>
      </div>
    </section>
  );
}
