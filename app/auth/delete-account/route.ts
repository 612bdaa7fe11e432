import { deleteAccount } from "@/lib/dal/account";
import { getViewer } from "@/lib/dal/viewer";
import { endedSessionResponse, seeOther } from "@/app/auth/ended-session-response";

/**
 * Account deletion from /account/delete: a route handler, like signing out, so that its response can clear
 * what the browser kept. Needs the box ticked and a recent password confirmation.
 */
export async function POST(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return seeOther("/login");
  const form = await request.formData().catch(() => null);
  if (form?.get("confirm") !== "yes") return seeOther("/account/delete?notice=not-confirmed");
  if (!viewer.recentlyAuthenticated) return seeOther("/account/delete?notice=confirm-first");
  await deleteAccount();
  return endedSessionResponse("account-deleted");
}
