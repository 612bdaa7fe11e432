import type { Page, TestInfo } from "@playwright/test";
import type { Exchange } from "./target";

// What a check saw, kept for the report so that a reader can see it too: the HTTP exchanges it made and, for
// browser steps, screenshots. Nothing secret is kept: cookies, tokens and passwords are replaced before anything
// is written, and every form field is masked in a screenshot.

export const EXCHANGES_ATTACHMENT = "http-exchanges.json";
export const SCREENSHOT_ATTACHMENT = "screenshot";

/** At most this much of each check's evidence: the report is one file and must stay small enough to hand over. */
export const EVIDENCE_LIMITS = { exchangesPerCheck: 40, bodyCharacters: 600, screenshotsPerCheck: 3 } as const;

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

  record(method: string, path: string, requestHeaders: Record<string, string>, answer: Exchange) {
    if (this.exchanges.length >= EVIDENCE_LIMITS.exchangesPerCheck) {
      this.left += 1;
      return;
    }
    this.exchanges.push({
      request: `${method} ${redact(path, this.knownSecrets)}`,
      requestHeaders: redactHeaders(requestHeaders, this.knownSecrets),
      status: answer.status,
      responseHeaders: redactHeaders(answer.headers as Record<string, unknown>, this.knownSecrets),
      body: redact(answer.text.slice(0, EVIDENCE_LIMITS.bodyCharacters), this.knownSecrets),
    });
  }

  async attachTo(testInfo: TestInfo) {
    if (this.exchanges.length === 0) return;
    const body = JSON.stringify({ exchanges: this.exchanges, notKept: this.left });
    await testInfo.attach(EXCHANGES_ATTACHMENT, { body, contentType: "application/json" });
  }
}

/** A screenshot of what the browser shows, every form field masked, small enough for the report. */
export async function attachScreenshot(page: Page, testInfo: TestInfo, label: string) {
  const taken = testInfo.attachments.filter(({ name }) => name.startsWith(SCREENSHOT_ATTACHMENT)).length;
  if (taken >= EVIDENCE_LIMITS.screenshotsPerCheck || page.isClosed()) return;
  const body = await page.screenshot({
    type: "jpeg",
    quality: 45,
    scale: "css",
    mask: [page.locator("input, textarea")],
  });
  await testInfo.attach(`${SCREENSHOT_ATTACHMENT}: ${label}`, { body, contentType: "image/jpeg" });
}
