import "server-only";

// Browsers report what the Content-Security-Policy blocked to POLICY_REPORT_PATH (lib/platform/security-headers.ts).
// A report is what anyone can post, so it is reduced to what is worth a log line: which rule, what kind of
// thing it blocked (a keyword or an origin, never a full URL), and the page by its path alone.

export type PolicyViolation = { directive: string; blocked: string; page: string };

const LONGEST_FIELD = 100;

/** A report-uri body ({"csp-report": …}) or a Reporting API one ([{type: "csp-violation", body: …}]); null for anything else. */
export function readPolicyViolation(report: unknown): PolicyViolation | null {
  const legacy = field(report, "csp-report");
  if (legacy !== undefined) {
    return reduce(
      field(legacy, "effective-directive") ?? field(legacy, "violated-directive"),
      field(legacy, "blocked-uri"),
      field(legacy, "document-uri"),
    );
  }
  const first = Array.isArray(report) ? report[0] : undefined;
  if (field(first, "type") !== "csp-violation") return null;
  const body = field(first, "body");
  return reduce(field(body, "effectiveDirective"), field(body, "blockedURL"), field(body, "documentURL"));
}

function reduce(directive: unknown, blocked: unknown, document: unknown): PolicyViolation | null {
  if (typeof directive !== "string" || !/^[a-z-]{1,40}$/.test(directive) || typeof document !== "string") return null;
  const page = URL.canParse(document) ? new URL(document).pathname : null;
  if (page === null) return null;
  return { directive, blocked: describeBlocked(blocked), page: page.slice(0, LONGEST_FIELD) };
}

/** "inline", "eval" and the like stay as they are; a URL is reduced to its origin. */
function describeBlocked(blocked: unknown): string {
  if (typeof blocked !== "string" || blocked === "") return "unknown";
  if (URL.canParse(blocked)) {
    const { origin, protocol } = new URL(blocked);
    return origin === "null" ? protocol : origin.slice(0, LONGEST_FIELD);
  }
  return /^[a-z-]{1,20}$/.test(blocked) ? blocked : "unknown";
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
}
