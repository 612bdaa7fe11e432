import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { describeDevice } from "@/lib/activity/device";
import { findSession } from "@/lib/dal/account";
import { requireViewer } from "@/lib/dal/viewer";
import { LocalTime } from "@/app/components/local-time";
import { revokeSessionAction } from "@/app/account/sessions/actions";
import { LastUse } from "@/app/account/sessions/last-use";

export const metadata: Metadata = { title: "Session" };

type Props = { params: Promise<{ publicId: string }> };

/** One of the user's own live sessions; any other id is simply not found. */
export default async function SessionPage({ params }: Props) {
  const { recentlyAuthenticated } = await requireViewer();
  const shown = await findSession((await params).publicId);
  if (!shown) notFound();
  const isCurrent = shown.isCurrent;
  return (
    <section className="card">
      <p>
        <Link href="/account/sessions">← All sessions</Link>
      </p>
      <h1>{describeDevice(shown.userAgent)}</h1>
      <dl className="facts">
        <dt>Session id (public, not a credential)</dt>
        <dd>
          <code>{shown.publicId}</code>
          {isCurrent && <span className="tag">This session</span>}
        </dd>
        <dt>Browser reported as</dt>
        <dd>{shown.userAgent ?? "nothing"}</dd>
        <dt>IP address</dt>
        <dd>{shown.ipAddress ?? "unknown"}</dd>
        <dt>Signed in</dt>
        <dd>
          <LocalTime value={shown.createdAt} />
        </dd>
        <dt>Last active</dt>
        <dd>
          <LocalTime value={shown.lastSeenAt} />
        </dd>
        <dt>Last used from</dt>
        <dd>
          <LastUse session={shown} />
        </dd>
        <dt>Ends if inactive until</dt>
        <dd>
          <LocalTime value={shown.idleExpiresAt} />
        </dd>
        <dt>Ends at the latest</dt>
        <dd>
          <LocalTime value={shown.absoluteExpiresAt} />
        </dd>
      </dl>
      {!isCurrent && recentlyAuthenticated && (
        <form action={revokeSessionAction}>
          <input type="hidden" name="publicId" value={shown.publicId} />
          <button type="submit">Revoke</button>
        </form>
      )}
    </section>
  );
}
