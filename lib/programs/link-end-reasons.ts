// Why a program link ended, in the words its owner reads on the linked-programs page.
import { PROGRAM_TOKEN_POLICY } from "@/lib/programs/program-policy";

const REFRESH_TOKEN_DAYS = PROGRAM_TOKEN_POLICY.refreshTokenSeconds / 86400;

const LINK_END_REASONS: Record<string, string> = {
  "unlinked-by-user": "You ended this link.",
  "unlinked-by-program": "The program ended its own link.",
  "refresh-token-reused":
    "A refresh token was presented a second time, so someone else may hold a copy of it. The link was ended for safety; link the program again.",
  "refresh-token-expired": `The program did not come back for ${REFRESH_TOKEN_DAYS} days, so its refresh token expired.`,
  "signed-out-everywhere": "You signed out everywhere.",
  "password-changed": "You changed your password and ended your other sessions.",
  "revoked-by-admin": "An administrator ended it.",
  "user-disabled": "An administrator disabled the account.",
};

export function describeLinkEnd(reason: string | null): string {
  return (reason && LINK_END_REASONS[reason]) ?? "The link has ended.";
}
