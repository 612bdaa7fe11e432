import { logPolicyViolation } from "@/lib/dal/policy-violations";

// A report is a few hundred bytes; anything much longer is not one.
const LONGEST_REPORT = 16 * 1024;

/** Browsers report here what the Content-Security-Policy blocked (its report-uri). */
export async function POST(request: Request) {
  const text = await request.text();
  if (text.length > LONGEST_REPORT) return new Response(null, { status: 413 });
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    return new Response(null, { status: 400 });
  }
  return new Response(null, { status: (await logPolicyViolation(report)) ? 204 : 400 });
}
