import { signOut } from "@/lib/server/dal/authentication";

/** Sign-out is a POST from the header's form; proxy.ts refuses one sent by another site. */
export async function POST() {
  const reason = await signOut();
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
