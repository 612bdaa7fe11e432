import type { Metadata } from "next";
import { listSecurityActivity } from "@/lib/dal/account";
import { requireViewer } from "@/lib/dal/viewer";
import { AccountNav } from "@/app/components/account-nav";
import { SecurityEventTable } from "@/app/components/security-event-table";

export const metadata: Metadata = { title: "Security activity" };

export default async function SecurityActivityPage() {
  const { isAdmin } = await requireViewer();
  const events = await listSecurityActivity();
  return (
    <section className="card">
      <AccountNav current="/account/activity" isAdmin={isAdmin} />
      <h1>Security activity</h1>
      <p>
        What happened to your account, newest first: sign-ins, wrong passwords, sign-outs, sessions that were renewed,
        ended or expired, and changes to your password or email. If you do not recognise something, change your password
        and sign out everywhere.
      </p>
      <SecurityEventTable caption="Your latest security events" events={events} />
    </section>
  );
}
