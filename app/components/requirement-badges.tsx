/** The requirements a page demonstrates, by ID, e.g. "v5.0.0-7.5.2". */
export function RequirementBadges({ ids }: { ids: string[] }) {
  return (
    <p className="requirements">
      <span>Demonstrates</span>
      {ids.map((id) => (
        <code key={id} className="badge">
          {id}
        </code>
      ))}
    </p>
  );
}
