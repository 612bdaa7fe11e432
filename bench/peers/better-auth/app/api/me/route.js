import { headers } from "next/headers";
import { auth } from "@/lib/auth";

// The counterpart of Sessionproof's GET /api/session: who is signed in, or 401.
export async function GET() {
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session)
    return Response.json({ error: "Not signed in." }, { status: 401, headers: { "Cache-Control": "no-store" } });
  return Response.json(
    { user: { email: session.user.email }, session: { expiresAt: session.session.expiresAt } },
    { headers: { "Cache-Control": "no-store" } },
  );
}
