import { readFileSync } from "node:fs";
import type { TestResult } from "@playwright/test/reporter";
import { EXCHANGES_ATTACHMENT, SCREENSHOT_ATTACHMENT, type RecordedExchange } from "@/e2e/evidence";
import { escape } from "./html";
import { OUTCOME_MARKS } from "./render-text";
import type { TestRecord } from "./report";

// The evidence tests attach (e2e/evidence.ts), read back by the reporters and shown in their HTML reports: each
// requirement's tests link to what they sent, received and showed.

/** What one test recorded: its exchanges (redacted) and screenshots, for the report's evidence section. */
export type CheckEvidence = {
  title: string;
  file: string;
  outcome: TestRecord["outcome"];
  exchanges: RecordedExchange[];
  /** Exchanges past the limit, counted but not kept. */
  exchangesNotKept: number;
  screenshots: { label: string; jpegBase64: string }[];
};

export const EVIDENCE_STYLE = `
section{background:#fff;border:1px solid #d9dee5;border-radius:10px;padding:.5rem 1rem 1rem;margin:1rem 0}
pre{white-space:pre-wrap;word-break:break-all;font-size:.8rem;background:#f6f7f9;padding:.5rem;border-radius:6px}
figure{margin:.75rem 0}
`;

export function evidenceAnchor(evidence: CheckEvidence[], test: Pick<TestRecord, "title" | "file">) {
  const index = evidence.findIndex((check) => check.title === test.title && check.file === test.file);
  return index >= 0 ? `evidence-${index + 1}` : null;
}

/** A test's title, linked to its evidence when it recorded any. */
export function linkedTitle(evidence: CheckEvidence[], test: Pick<TestRecord, "title" | "file">) {
  const anchor = evidenceAnchor(evidence, test);
  return anchor ? `<a href="#${anchor}">${escape(test.title)}</a>` : escape(test.title);
}

function attachmentBody(attachment: TestResult["attachments"][number]) {
  if (attachment.body) return attachment.body;
  return attachment.path ? readFileSync(attachment.path) : Buffer.alloc(0);
}

/** What the test attached as evidence; null when it attached none. */
export function evidenceOf(record: TestRecord, result: TestResult): CheckEvidence | null {
  // A test may attach several logs: its request context's and its browser's.
  const recorded = { exchanges: [] as RecordedExchange[], notKept: 0 };
  for (const attachment of result.attachments.filter(({ name }) => name === EXCHANGES_ATTACHMENT)) {
    const log = JSON.parse(attachmentBody(attachment).toString()) as typeof recorded;
    recorded.exchanges.push(...log.exchanges);
    recorded.notKept += log.notKept;
  }
  const evidence = {
    title: record.title,
    file: record.file,
    outcome: record.outcome,
    exchanges: recorded.exchanges,
    exchangesNotKept: recorded.notKept,
    screenshots: result.attachments
      .filter(({ name, contentType }) => name.startsWith(SCREENSHOT_ATTACHMENT) && contentType === "image/jpeg")
      .map((attachment) => ({
        label: attachment.name.slice(SCREENSHOT_ATTACHMENT.length + 2),
        jpegBase64: attachmentBody(attachment).toString("base64"),
      })),
  };
  return evidence.exchanges.length > 0 || evidence.screenshots.length > 0 ? evidence : null;
}

function exchangeText(exchange: CheckEvidence["exchanges"][number]) {
  const headers = (all: Record<string, string>) =>
    Object.entries(all)
      .map(([name, value]) => `${name}: ${value}`)
      .join("\n");
  return `${exchange.request}\n${headers(exchange.requestHeaders)}\n\n→ ${exchange.status}\n${headers(exchange.responseHeaders)}\n\n${exchange.body}`;
}

/** How much evidence one HTML report may hold, so that it stays a file one can hand over. */
export type EvidenceBudget = { screenshotBytes: number; exchangeCharacters: number };

export const DEFAULT_EVIDENCE_BUDGET: EvidenceBudget = { screenshotBytes: 4_000_000, exchangeCharacters: 3_000_000 };

const LEFT_OUT = (what: string) => `<p class="meta">${what} left out: the report's size is bounded.</p>`;

function figure(label: string, jpegBase64: string) {
  return `<figure><img alt="${escape(label)}" style="max-width:100%;border:1px solid #d9dee5" src="data:image/jpeg;base64,${jpegBase64}"><figcaption class="meta">${escape(label)}</figcaption></figure>`;
}

/** Every test's evidence, each in a section the requirements link to, within the budget, in order. */
export function renderEvidence(evidence: CheckEvidence[], budget: EvidenceBudget = DEFAULT_EVIDENCE_BUDGET) {
  let { screenshotBytes, exchangeCharacters } = budget;
  return evidence
    .map((check, index) => {
      const pictures = check.screenshots.map(({ label, jpegBase64 }) => {
        if (jpegBase64.length > screenshotBytes) return LEFT_OUT(`Screenshot "${escape(label)}"`);
        screenshotBytes -= jpegBase64.length;
        return figure(label, jpegBase64);
      });
      const exchanges = check.exchanges.map((exchange) => {
        const text = exchangeText(exchange);
        if (text.length > exchangeCharacters) return LEFT_OUT(`The exchange ${escape(exchange.request)}`);
        exchangeCharacters -= text.length;
        return `<details><summary><code>${escape(exchange.request)}</code> → ${exchange.status}</summary><pre>${escape(text)}</pre></details>`;
      });
      const notKept = check.exchangesNotKept
        ? `<p class="meta">${check.exchangesNotKept} more exchanges not kept.</p>`
        : "";
      return `<section id="evidence-${index + 1}"><h3>${OUTCOME_MARKS[check.outcome]} ${escape(check.title)}</h3><p class="meta">${escape(check.file)}</p>${pictures.join("")}${exchanges.join("")}${notKept}</section>`;
    })
    .join("");
}
