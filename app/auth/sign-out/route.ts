import { endCurrentSession } from "@/lib/server/auth";
import { reportFailure } from "@/lib/server/failures";
import { deleteSessionCookie } from "@/lib/server/session-cookie";

/** Sign-out is a POST from the header's form; proxy.ts refuses one sent by another site. */
export async function POST() {
  let reason = "signed-out";
  try {
    await endCurrentSession("sign-out");
  } catch (error) {
    // The browser still forgets the session; the server-side record then ends at its idle limit.
    reportFailure("sign-out", error);
    await deleteSessionCookie();
    reason = "sign-out-incomplete";
  }
  return new Response(null, {
    status: 303,
    headers: {
      Location: `/login?reason=${reason}`,
      // Also drop anything the browser kept for this site: cached pages, storage, other cookies.
      "Clear-Site-Data": '"cache", "cookies", "storage"',
      "Cache-Control": "no-store",
    },
  });
}
