import Link from "next/link";

/** The requirements a page demonstrates, by ID (e.g. "v5.0.0-7.5.2"), each linked to its entry on /compliance. */
export function RequirementBadges({ ids }: { ids: string[] }) {
  return (
    <p className="requirements">
      <span>Demonstrates</span>
      {ids.map((id) => (
        <Link key={id} href={`/compliance#${id}`} className="badge">
          {id}
        </Link>
      ))}
    </p>
  );
}
