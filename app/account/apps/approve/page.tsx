import type { Metadata } from "next";
import { requireViewer } from "@/lib/dal/viewer";
import { AccountNav } from "@/app/components/account-nav";
import { ApproveDeviceForm } from "./approve-device-form";
import { WaitBoundary } from "@/app/components/wait-boundary";

export const metadata: Metadata = { title: "Approve a program" };

export default async function ApproveProgramPage() {
  const { isAdmin } = await requireViewer();
  return (
    <section className="card">
      <AccountNav current="/account/apps" isAdmin={isAdmin} />
      <h1>Approve a program</h1>
      <p>
        A program you are setting up shows a code of eight letters. Type it here to link the program to your account. It
        will call this site&rsquo;s API for you until you end the link on the Linked programs page.
      </p>
      <WaitBoundary>
        <ApproveDeviceForm />
      </WaitBoundary>
    </section>
  );
}
