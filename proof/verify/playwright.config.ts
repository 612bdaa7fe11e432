import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "@/e2e/chromium";
import { readRunForChecks } from "@/proof/verify/run-for-checks";

// The outside checks of `npm run verify` (proof/verify/run.mts sets the target and the stamp): one worker, in
// file order, on one account, against whatever URL was given. Nothing here starts a server.

const { target, stamp } = readRunForChecks();
const hostname = new URL(target.url).hostname;
const browserArgs = [
  // A hostname no DNS knows (a test deployment) reaches the address given with --resolve.
  ...(target.address ? [`--host-resolver-rules=MAP ${hostname} ${target.address}`] : []),
  // A certificate that chains to the authority given with --ca: the browser trusts that key alone.
  ...(target.caFile && stamp.tls?.trusted ? [`--ignore-certificate-errors-spki-list=${stamp.tls.spkiSha256}`] : []),
];

export default defineConfig({
  testDir: "checks",
  outputDir: "../../test-results/verify",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["./reporter.ts"]],
  use: {
    baseURL: target.url,
    launchOptions: chromiumLaunchOptions(browserArgs),
    browserName: "chromium",
    trace: "off",
  },
});
