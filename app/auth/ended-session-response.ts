/**
 * The answer to every request that ends this browser's session: to the sign-in page, which says why, with
 * what the browser kept for this origin dropped (cached pages, storage). Not "cookies" in Clear-Site-Data,
 * which would reach every app on the same site; the session cookie goes through its own Set-Cookie.
 */
export function endedSessionResponse(reason: string): Response {
  return new Response(null, {
    status: 303,
    headers: {
      Location: `/login?reason=${reason}`,
      "Clear-Site-Data": '"cache", "storage"',
      "Cache-Control": "no-store",
    },
  });
}

/** Back to a page after a form post, as a GET. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}
