import type { ReactNode } from "react";
import { hasRecentAuthentication } from "@/lib/server/auth";
import type { ValidSession } from "@/lib/server/session";
import { ConfirmPasswordForm } from "./confirm-password-form";
import type { ReauthenticationReturnPath } from "./return-paths";

type Props = {
  session: ValidSession;
  /** What the user is about to do, e.g. "end sessions". */
  purpose: string;
  returnTo: ReauthenticationReturnPath;
  children: ReactNode;
};

/** Shows its children only within the re-authentication window; otherwise asks for the password first. */
export async function ReauthenticationGate({ session, purpose, returnTo, children }: Props) {
  if (await hasRecentAuthentication(session)) return children;
  return (
    <section className="reauthenticate" aria-labelledby="reauthenticate-heading">
      <h2 id="reauthenticate-heading">Confirm your password</h2>
      <p>
        To {purpose}, confirm your password first. Confirming also gives this session a new token, and it stays
        confirmed for a few minutes.
      </p>
      <ConfirmPasswordForm returnTo={returnTo} />
    </section>
  );
}
