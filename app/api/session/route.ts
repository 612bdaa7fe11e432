import { getCurrentSession } from "@/lib/server/auth";
import { reportFailure } from "@/lib/server/failures";

const NO_STORE = { "Cache-Control": "no-store" };

/** Who is signed in and when the session ends; never the token. */
export async function GET() {
  let current;
  try {
    current = await getCurrentSession();
  } catch (error) {
    reportFailure("session lookup", error);
    return Response.json({ error: "Service unavailable." }, { status: 503, headers: NO_STORE });
  }
  if (current.status !== "valid") {
    return Response.json({ error: "Not signed in." }, { status: 401, headers: NO_STORE });
  }
  const { user, session } = current;
  return Response.json(
    {
      user: { email: user.email },
      session: {
        publicId: session.publicId,
        createdAt: session.createdAt.toISOString(),
        idleExpiresAt: session.idleExpiresAt.toISOString(),
        absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
      },
    },
    { headers: NO_STORE },
  );
}
