import { reportFailure } from "@/lib/dal/failures";
import { getViewer } from "@/lib/dal/viewer";

const NO_STORE = { "Cache-Control": "no-store" };

/** Who is signed in and when the session ends; never the token. */
export async function GET() {
  let viewer;
  try {
    viewer = await getViewer();
  } catch (error) {
    reportFailure("session lookup", error);
    return Response.json({ error: "Service unavailable." }, { status: 503, headers: NO_STORE });
  }
  if (!viewer) {
    return Response.json({ error: "Not signed in." }, { status: 401, headers: NO_STORE });
  }
  const { email, session } = viewer;
  return Response.json(
    {
      user: { email },
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
