import { existsSync } from "node:fs";
import type { LaunchOptions } from "@playwright/test";

// Debian's Chromium where it is installed (CI, offline machines); Playwright's own browser elsewhere. Its
// headless shell first: measured on the suite, it needs about a third less CPU than the full browser.
const SYSTEM_CHROMIUM = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"].find((file) => existsSync(file));

/** How the suite (and `npm run verify`) starts Chromium, with any further command-line switches. */
export function chromiumLaunchOptions(extraArgs: string[] = []): LaunchOptions {
  if (!SYSTEM_CHROMIUM) return extraArgs.length ? { args: extraArgs } : {};
  return {
    executablePath: SYSTEM_CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
      ...extraArgs,
    ],
  };
}
