// How much CPU a server has used: its process and every process it started (Next.js may start workers), read
// from /proc on Linux. Elsewhere there is nothing to read, and the benchmarks leave the column empty.
import { readdirSync, readFileSync } from "node:fs";

// Linux counts CPU time in clock ticks of 1/100 s on every architecture Node.js supports (USER_HZ).
const MILLISECONDS_PER_TICK = 10;

/** User and system CPU of the process and its descendants in milliseconds, or NaN where /proc cannot tell. */
export function cpuMillisecondsOf(pid: number): number {
  const processes = readProcesses();
  if (!processes.has(pid)) return NaN;
  let ticks = 0;
  const pending = [pid];
  while (pending.length) {
    const current = pending.pop()!;
    ticks += processes.get(current)!.ticks;
    for (const [child, { parent }] of processes) if (parent === current) pending.push(child);
  }
  return ticks * MILLISECONDS_PER_TICK;
}

function readProcesses() {
  const processes = new Map<number, { parent: number; ticks: number }>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return processes;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // it ended while we looked
    }
    // The command name, in parentheses, may hold spaces; the fields after it are fixed: state, parent, …
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const [utime, stime] = [Number(fields[11]), Number(fields[12])];
    processes.set(Number(entry), { parent: Number(fields[1]), ticks: utime + stime });
  }
  return processes;
}
