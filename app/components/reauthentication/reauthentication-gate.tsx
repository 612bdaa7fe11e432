import type { ReactNode } from "react";
import { requireViewer } from "@/lib/dal/viewer";
import { ConfirmPasswordForm } from "./confirm-password-form";
import type { ReauthenticationReturnPath } from "./return-paths";
import { WaitBoundary } from "@/app/components/wait-boundary";

type Props = {
  /** What the user is about to do, e.g. "end sessions". */
  purpose: string;
  returnTo: ReauthenticationReturnPath;
  children: ReactNode;
};

/** Shows its children only within the re-authentication window; otherwise asks for the password first. */
export async function ReauthenticationGate({ purpose, returnTo, children }: Props) {
  if ((await requireViewer()).recentlyAuthenticated) return children;
  return (
    <section className="reauthenticate" aria-labelledby="reauthenticate-heading">
      <h2 id="reauthenticate-heading">Confirm your password</h2>
      <p>
        To {purpose}, confirm your password first. Confirming also gives this session a new token, and it stays
        confirmed for a few minutes.
      </p>
      <WaitBoundary>
        <ConfirmPasswordForm returnTo={returnTo} />
      </WaitBoundary>
    </section>
  );
}
