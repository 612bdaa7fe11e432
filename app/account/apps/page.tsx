import type { Metadata } from "next";
import Link from "next/link";
import { listLinks } from "@/lib/dal/programs";
import { requireViewer } from "@/lib/dal/viewer";
import { AccountNav } from "@/app/components/account-nav";
import { ProgramLinksTable } from "@/app/components/program-links-table";
import { ReauthenticationGate } from "@/app/components/reauthentication/reauthentication-gate";
import { LinkProgramForm } from "./link-program-form";
import { WaitBoundary } from "@/app/components/wait-boundary";

export const metadata: Metadata = { title: "Linked programs" };

const NOTICES: Record<string, string> = {
  ended: "The link has been ended. The program's tokens are refused from their very next use.",
  "confirm-first": "Your password confirmation has expired. Confirm your password again to end links.",
};

type Props = { searchParams: Promise<{ notice?: string }> };

export default async function LinkedProgramsPage({ searchParams }: Props) {
  const { isAdmin, recentlyAuthenticated } = await requireViewer();
  const [links, { notice }] = await Promise.all([listLinks(), searchParams]);
  const hasLiveLinks = links.some((link) => !link.endedAt);
  return (
    <section className="card">
      <AccountNav current="/account/apps" isAdmin={isAdmin} />
      <h1>Linked programs</h1>
      <p>
        A linked program (a command-line tool, a script, a phone app) calls this site&rsquo;s API for you with
        short-lived signed access tokens, which it renews with a refresh token. It can read who you are, never change
        your password, email or sessions. Ending a link stops its tokens on their very next use.
      </p>
      {notice && NOTICES[notice] && (
        <p role="status" className="notice">
          {NOTICES[notice]}
        </p>
      )}
      <h2>Your links</h2>
      <ProgramLinksTable links={links} canEnd={recentlyAuthenticated} />
      {hasLiveLinks && !recentlyAuthenticated && (
        <ReauthenticationGate purpose="end links" returnTo="/account/apps">
          {null}
        </ReauthenticationGate>
      )}
      <h2>Link a program</h2>
      <p>
        If the program shows you a code of eight letters, enter it on{" "}
        <Link href="/account/apps/approve">Approve a program</Link> instead: nothing needs copying. Otherwise name the
        program here and give it the refresh token this page shows once.
      </p>
      <WaitBoundary>
        <LinkProgramForm />
      </WaitBoundary>
    </section>
  );
}
