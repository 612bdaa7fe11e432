import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { readPublicOrigin } from "@/lib/platform/public-origin";

// Email goes out only when SMTP_URL names a server (smtp://user:password@host:587, or smtps:// for TLS
// from the first byte). Without it the app still shows every notice on its own pages.

export type MailSettings = { url: string; from: string } | null;

/** Reads SMTP_URL and MAIL_FROM; a malformed one stops the server at start (see configuration.ts). */
export function readMailSettings(
  env: { SMTP_URL?: string; MAIL_FROM?: string; PUBLIC_ORIGIN?: string; NODE_ENV?: string } = process.env,
): MailSettings {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value may hold a password: never repeat it.
    throw new Error("SMTP_URL is not a URL (expected smtp://user:password@host:port or smtps://...).");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    throw new Error(`SMTP_URL must start with smtp:// or smtps:// (got "${url.protocol}").`);
  }
  const from =
    env.MAIL_FROM?.trim() || `Sessionproof <no-reply@${new URL(readPublicOrigin(env) ?? "http://localhost").hostname}>`;
  return { url: raw, from };
}

let transport: { settings: MailSettings; transporter: Transporter | null } | undefined;

/** Sends one plain-text email; false when no SMTP server is configured. */
export async function sendMail(to: string, subject: string, text: string): Promise<boolean> {
  transport ??= createTransport();
  if (!transport.transporter || !transport.settings) return false;
  await transport.transporter.sendMail({ from: transport.settings.from, to, subject, text });
  return true;
}

function createTransport() {
  const settings = readMailSettings();
  return { settings, transporter: settings ? nodemailer.createTransport(settings.url) : null };
}
