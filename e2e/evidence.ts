import type { APIRequestContext, Page, TestInfo } from "@playwright/test";

// What a test or an outside check saw, kept for the reports so that a reader can see it too: the HTTP exchanges it made and, for
// browser steps, screenshots. Nothing secret is kept: cookies, tokens and passwords are replaced before anything
// is written, and every form field is masked in a screenshot.

export const EXCHANGES_ATTACHMENT = "http-exchanges.json";
export const SCREENSHOT_ATTACHMENT = "screenshot";

/** At most this much of each check's evidence: the report is one file and must stay small enough to hand over. */
export const EVIDENCE_LIMITS = { exchangesPerCheck: 40, bodyCharacters: 600, screenshotsPerCheck: 3 } as const;

/** An answer as any client saw it: its status, its headers and its body as text. */
export type AnswerSeen = { status: number; headers: Record<string, unknown>; text: string };

export type RecordedExchange = {
  request: string;
  requestHeaders: Record<string, string>;
  status: number;
  responseHeaders: Record<string, string>;
  body: string;
};

const REDACTED = "[redacted]";
const SECRET_SHAPES = [
  /Fe26\.2\*[^;\s"'<>]+/g, // an iron seal: the session cookie's value
  /\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, // a JWT
  /\b[A-Za-z0-9_-]{43}\b/g, // a 256-bit token in base64url: refresh tokens, device codes
];
const SECRET_HEADERS = new Set(["cookie", "set-cookie", "authorization"]);

/** The text with every secret the check knows of, and anything shaped like a token, replaced. */
export function redact(text: string, knownSecrets: string[] = []) {
  let redacted = text;
  for (const secret of knownSecrets.filter((value) => value.length >= 8))
    redacted = redacted.split(secret).join(REDACTED);
  for (const shape of SECRET_SHAPES) redacted = redacted.replace(shape, REDACTED);
  return redacted;
}

function redactHeaders(headers: Record<string, unknown>, knownSecrets: string[]) {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => {
      const text = Array.isArray(value) ? value.join("\n") : String(value);
      const lower = name.toLowerCase();
      if (!SECRET_HEADERS.has(lower)) return [name, redact(text, knownSecrets)];
      if (lower === "authorization") return [name, text.replace(/^(\S+) .*/, `$1 ${REDACTED}`)];
      // Every value a Cookie header sends; of each Set-Cookie line, the value but not the attributes (Secure,
      // HttpOnly, SameSite are evidence).
      if (lower === "cookie") return [name, text.replace(/=[^;]*/g, `=${REDACTED}`)];
      return [
        name,
        text
          .split("\n")
          .map((line) => line.replace(/=[^;]*/, `=${REDACTED}`))
          .join("\n"),
      ];
    }),
  );
}

/** Keeps what one check sends and receives, redacted, up to the limit. */
export class ExchangeLog {
  readonly exchanges: RecordedExchange[] = [];
  private left = 0;
  constructor(private readonly knownSecrets: string[]) {}

  /** Whether another exchange would be kept; past the limit, only counted. */
  get hasRoom() {
    return this.exchanges.length < EVIDENCE_LIMITS.exchangesPerCheck;
  }

  /** One more exchange past the limit: counted, not kept. */
  countUnkept() {
    this.left += 1;
  }

  record(method: string, path: string, requestHeaders: Record<string, string>, answer: AnswerSeen) {
    if (!this.hasRoom) return this.countUnkept();
    this.exchanges.push({
      request: `${method} ${redact(path, this.knownSecrets)}`,
      requestHeaders: redactHeaders(requestHeaders, this.knownSecrets),
      status: answer.status,
      responseHeaders: redactHeaders(answer.headers, this.knownSecrets),
      body: redact(answer.text.slice(0, EVIDENCE_LIMITS.bodyCharacters), this.knownSecrets),
    });
  }

  async attachTo(testInfo: TestInfo) {
    if (this.exchanges.length === 0) return;
    const body = JSON.stringify({ exchanges: this.exchanges, notKept: this.left });
    await testInfo.attach(EXCHANGES_ATTACHMENT, { body, contentType: "application/json" });
  }
}

/** A screenshot of what the browser shows, every form field masked, small enough for the report. Evidence never
 * fails a test: a page that cannot be shot (closed, crashed, busy) is left out. */
export async function attachScreenshot(page: Page, testInfo: TestInfo, label: string) {
  const taken = testInfo.attachments.filter(({ name }) => name.startsWith(SCREENSHOT_ATTACHMENT)).length;
  if (taken >= EVIDENCE_LIMITS.screenshotsPerCheck || page.isClosed()) return;
  const body = await page
    .screenshot({ type: "jpeg", quality: 45, scale: "css", timeout: 5_000, mask: [page.locator("input, textarea")] })
    .catch(() => null);
  if (body) await testInfo.attach(`${SCREENSHOT_ATTACHMENT}: ${label}`, { body, contentType: "image/jpeg" });
}

const REQUEST_METHODS = new Set(["get", "post", "put", "patch", "delete", "head", "fetch"]);
type RequestOptions = { method?: string; headers?: Record<string, string> } | undefined;

/** The same request context, keeping every exchange made through it in `log`. */
export function recordingExchanges(context: APIRequestContext, log: ExchangeLog): APIRequestContext {
  return new Proxy(context, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (typeof property !== "string" || !REQUEST_METHODS.has(property)) return value.bind(target);
      return async (url: string, options?: RequestOptions) => {
        const response = await value.call(target, url, options);
        if (!log.hasRoom) {
          log.countUnkept();
          return response;
        }
        const method = property === "fetch" ? (options?.method ?? "GET") : property.toUpperCase();
        const type = response.headers()["content-type"] ?? "";
        const text = /json|text/.test(type) ? await response.text().catch(() => "") : "";
        const { pathname, search } = new URL(response.url());
        log.record(method, `${pathname}${search}`, options?.headers ?? {}, {
          status: response.status(),
          headers: response.headers(),
          text,
        });
        return response;
      };
    },
  });
}

// What the browser itself asked for: pages and the calls their scripts make, not the static files around them.
const BROWSER_EXCHANGES = new Set(["document", "fetch", "xhr"]);

/**
 * Keeps what the page's own requests sent and received (headers and status; bodies are not read, so nothing
 * waits on a page that may be closing) in `log`.
 */
export function recordBrowserExchanges(page: Page, log: ExchangeLog) {
  page.on("response", (response) => {
    const request = response.request();
    if (!BROWSER_EXCHANGES.has(request.resourceType())) return;
    // Links the router fetches ahead of a click say nothing about the test, and would fill the log.
    if (request.headers()["next-router-prefetch"]) return;
    const { pathname, search } = new URL(response.url());
    log.record(`${request.method()} (browser)`, `${pathname}${search}`, request.headers(), {
      status: response.status(),
      headers: response.headers(),
      text: "",
    });
  });
}
