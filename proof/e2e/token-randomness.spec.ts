import { mkdirSync, writeFileSync } from "node:fs";
import { unsealData } from "iron-session";
import { analyzeTokens } from "@/proof/token-analysis/analyze";
import { captureSessions } from "@/proof/token-analysis/capture";
import { renderTokenAnalysisHtml } from "@/proof/token-analysis/render-html";
import { expect, test } from "@/e2e/fixtures";
import { TEST_SERVERS } from "@/e2e/test-servers";

const SESSIONS = 1000;

test.describe("session token randomness", () => {
  test(
    "A thousand sessions created through the app carry unique tokens and public ids that pass the randomness battery.",
    { tag: ["@v3.0.1-3.11", "@v5.0.0-7.2.3", "@v4.0.3-3.2.2", "@v5.0.0-11.5.1"] },
    async ({ baseURL, db }) => {
      test.setTimeout(240_000);
      // Fewer sign-ins in flight than the server's per-user limit, so no new session is evicted before it is read.
      const concurrency = Number(TEST_SERVERS.app.env.SESSION_MAX_CONCURRENT) - 1;
      const sessions = await captureSessions(baseURL!, SESSIONS, { concurrency });
      expect(sessions).toHaveLength(SESSIONS);

      // The raw tokens are sealed inside the cookies; the tests hold the servers' secret, an outsider would not.
      const tokens = await Promise.all(
        sessions.map(
          async ({ cookie }) =>
            (await unsealData<{ t: string }>(cookie, { password: { 1: process.env.E2E_SESSION_SECRET! } })).t,
        ),
      );
      const tokenAnalysis = analyzeTokens(tokens);
      expect(tokenAnalysis.checks.filter((check) => !check.passed)).toEqual([]);
      expect(tokenAnalysis).toMatchObject({ verdict: "random", bitsPerToken: 256, uniqueTokens: SESSIONS });

      // What an outside tester can collect: the public ids. 128 bits each, so less entropy can be shown from 1,000.
      const publicIdAnalysis = analyzeTokens(
        sessions.map((session) => session.publicId),
        { minimumEntropyBits: 100 },
      );
      expect(publicIdAnalysis.checks.filter((check) => !check.passed)).toEqual([]);
      expect(publicIdAnalysis.bitsPerToken).toBe(128);

      const stored = await db.session.findMany({
        where: { publicId: { in: sessions.map((session) => session.publicId) } },
        select: { tokenHash: true },
      });
      expect(new Set(stored.map((row) => row.tokenHash)).size).toBe(SESSIONS);

      const source = `${SESSIONS} session tokens issued by the app during npm run e2e`;
      mkdirSync("reports", { recursive: true });
      writeFileSync(
        "reports/token-analysis.json",
        `${JSON.stringify({ source, generatedAt: new Date().toISOString(), analysis: tokenAnalysis }, null, 2)}\n`,
      );
      writeFileSync("reports/token-analysis.html", renderTokenAnalysisHtml(tokenAnalysis, source));
    },
  );
});
