import { signOutEverywhere } from "@/lib/dal/account";
import { getViewer } from "@/lib/dal/viewer";
import { endedSessionResponse, seeOther } from "@/app/auth/ended-session-response";

/**
 * "Sign out everywhere" on the sessions page: a route handler rather than a server action, because only a
 * response of its own can carry Clear-Site-Data. Needs a recent password confirmation, like ending any session.
 */
export async function POST() {
  const viewer = await getViewer();
  if (!viewer) return seeOther("/login");
  if (!viewer.recentlyAuthenticated) return seeOther("/account/sessions?notice=confirm-first");
  await signOutEverywhere();
  return endedSessionResponse("signed-out");
}
