import type { SecurityEventItem } from "@/lib/dal/account";
import { LocalTime } from "@/app/components/local-time";

export function SecurityEventTable({ caption, events }: { caption: string; events: SecurityEventItem[] }) {
  if (events.length === 0) return <p>Nothing recorded yet.</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">Device</th>
            <th scope="col">Address</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <LocalTime value={event.at} />
              </td>
              <td>{event.description}</td>
              <td>{event.device}</td>
              <td>{event.ipAddress ?? "Unknown"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
