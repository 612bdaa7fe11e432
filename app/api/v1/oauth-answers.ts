// How the API answers programs over HTTP: OAuth's JSON error bodies, the Bearer challenge and no caching.
// The data access layer says what happened; these say it in HTTP.

export const NO_STORE = { "Cache-Control": "no-store" };
export const REALM = 'Bearer realm="sessionproof"';

/**
 * An OAuth error from the token or device endpoint: 400 (RFC 6749 §5.2) unless it says otherwise, and never a
 * Bearer challenge, which belongs to the API's own resources (program-request.ts).
 */
export function oauthError(
  error: string,
  description: string,
  { status = 400, retryAfterSeconds }: { status?: 400 | 429 | 503; retryAfterSeconds?: number } = {},
) {
  const headers: Record<string, string> = { ...NO_STORE };
  if (retryAfterSeconds !== undefined) headers["Retry-After"] = String(retryAfterSeconds);
  return Response.json({ error, error_description: description }, { status, headers });
}

export function serviceUnavailable() {
  return Response.json({ error: "temporarily_unavailable" }, { status: 503, headers: NO_STORE });
}

/** A form-encoded body (what OAuth clients send) or a JSON one; null when it is neither. */
export async function readFormFields(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const type = request.headers.get("content-type") ?? "";
    const fields: unknown = type.startsWith("application/json")
      ? await request.json()
      : Object.fromEntries(await request.formData());
    return fields && typeof fields === "object" ? (fields as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
