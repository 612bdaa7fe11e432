// Refusals anyone on the internet can cause, one JSON line each on stdout, but never more than a few lines a minute
// per client address and per event: enough to see an attack, too few to flood the log. Each line says how many were
// left out before it. Plain JavaScript so server.mjs logs its own refusals the same way; types in
// security-log.d.mts, the event names in lib/platform/audit-log.ts.

const WINDOW_MS = 60_000;
const LINES_PER_CLIENT = 5;
const LINES_PER_EVENT = 100;
const windows = new Map();

/** `fields` name the client and the request; never a token, a cookie or a password. */
export function logSecurityEvent(event, fields, now = Date.now()) {
  // The address is whatever the request claims, so a cap per event backs up the cap per client.
  const perClient = countInWindow(`${event} ${fields.ipAddress ?? "unknown"}`, LINES_PER_CLIENT, now);
  const perEvent = countInWindow(event, LINES_PER_EVENT, now);
  if (!perClient.allowed || !perEvent.allowed) return;
  const suppressedBefore = perClient.suppressed + perEvent.suppressed;
  console.log(
    JSON.stringify({ time: new Date(now).toISOString(), kind: "security", event, ...fields, suppressedBefore }),
  );
}

function countInWindow(key, limit, now) {
  let window = windows.get(key);
  if (!window || now - window.startedAt >= WINDOW_MS) {
    window = { startedAt: now, lines: 0, suppressed: window?.suppressed ?? 0 };
    windows.set(key, window);
  }
  if (window.lines >= limit) {
    window.suppressed++;
    return { allowed: false, suppressed: 0 };
  }
  window.lines++;
  const suppressed = window.suppressed;
  window.suppressed = 0;
  return { allowed: true, suppressed };
}
