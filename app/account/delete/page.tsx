import type { Metadata } from "next";
import { requireViewer } from "@/lib/dal/viewer";
import { AccountNav } from "@/app/components/account-nav";
import { ReauthenticationGate } from "@/app/components/reauthentication/reauthentication-gate";

export const metadata: Metadata = { title: "Delete account" };

type Props = { searchParams: Promise<{ notice?: string }> };

export default async function DeleteAccountPage({ searchParams }: Props) {
  const { email, isAdmin } = await requireViewer();
  const { notice } = await searchParams;
  return (
    <section className="card">
      <AccountNav current="/account/delete" isAdmin={isAdmin} />
      <h1>Delete account</h1>
      <p>
        Deleting your account removes it for good and ends every one of its sessions, on every device, and every program
        link.
      </p>
      <ReauthenticationGate purpose="delete your account" returnTo="/account/delete">
        <form method="post" action="/auth/delete-account" className="stack">
          {notice === "not-confirmed" && (
            <p role="alert" className="notice error">
              Tick the box to confirm that you want to delete the account.
            </p>
          )}
          <label className="checkbox">
            <input type="checkbox" name="confirm" value="yes" required /> I understand that {email} and all of its
            sessions will be deleted
          </label>
          <button type="submit" className="danger">
            Delete account
          </button>
        </form>
      </ReauthenticationGate>
    </section>
  );
}
