"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

type Props = { badgesByRoute: Record<string, string[]> };

/** The requirements the current page demonstrates, each linked to its entry on /compliance. */
export function RequirementBadges({ badgesByRoute }: Props) {
  const ids = badgesByRoute[usePathname()] ?? [];
  return (
    <p className="requirements">
      <Link href="/compliance">Compliance report</Link>
      {ids.length > 0 && <span>This page demonstrates</span>}
      {ids.map((id) => (
        <Link key={id} href={`/compliance#${id}`} className="badge">
          {id}
        </Link>
      ))}
    </p>
  );
}
