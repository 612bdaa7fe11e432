import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { AUTHENTICATED_PAGES, PUBLIC_PAGES } from "./authenticated-pages";
import { currentPublicId, expect, grantAdmin, signUpOverHttp, test } from "./fixtures";

async function seriousAccessibilityProblems(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${page.url()}: ${violation.id} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
    );
}

test.describe("every page", () => {
  test(
    "Every page that needs a signed-in user shows who is signed in and a Sign out button in its header.",
    { tag: ["@v5.0.0-7.4.4", "@v3.0.1-3.5"] },
    async ({ page, credentials }) => {
      await signUpOverHttp(page, credentials);
      const sessionPage = `/account/sessions/${await currentPublicId(page)}`;
      for (const path of [...AUTHENTICATED_PAGES, sessionPage]) {
        await page.goto(path);
        const header = page.getByRole("banner");
        await expect(header, path).toContainText(`Signed in as ${credentials.email}`);
        await expect(header.getByRole("button", { name: "Sign out" }), path).toBeVisible();
      }
      // Narrow screens too: the button stays in reach without any menu.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto("/account/sessions");
      await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeInViewport();
    },
  );

  // Each axe scan takes seconds on a busy machine: one test per group of pages keeps each well inside its time.
  test("Every public page is accessible: axe finds no serious or critical problem.", async ({ page }) => {
    const problems: string[] = [];
    for (const path of [...PUBLIC_PAGES, "/no-such-page"]) {
      await page.goto(path);
      problems.push(...(await seriousAccessibilityProblems(page)));
    }
    expect(problems).toEqual([]);
  });

  test("Every signed-in page, the administrator's included, is accessible: axe finds no serious or critical problem.", async ({
    page,
    credentials,
  }) => {
    await signUpOverHttp(page, credentials);
    grantAdmin("app", credentials.email);
    const problems: string[] = [];
    for (const path of [...AUTHENTICATED_PAGES, `/account/sessions/${await currentPublicId(page)}`, "/admin"]) {
      await page.goto(path);
      problems.push(...(await seriousAccessibilityProblems(page)));
    }
    expect(problems).toEqual([]);
  });
});
