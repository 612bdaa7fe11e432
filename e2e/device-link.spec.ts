import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { PROGRAM_TOKEN_POLICY } from "@/lib/programs/program-policy";
import { describeWait } from "@/lib/sign-in/throttle-message";
import { expect, signUpOverHttp, test } from "./fixtures";
import { postPageForm } from "./forms";
import { callMe, enterUserCode, expectRefreshRefused, sha256 } from "./program-api";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

async function startDeviceLink(request: APIRequestContext, name: string) {
  const response = await request.post("/api/v1/device", { form: { name } });
  expect(response.status()).toBe(200);
  return (await response.json()) as { device_code: string; user_code: string; verification_uri: string };
}

const poll = (request: APIRequestContext, deviceCode: string) =>
  request.post("/api/v1/token", { form: { grant_type: DEVICE_GRANT, device_code: deviceCode } });

async function expectWaiting(request: APIRequestContext, deviceCode: string, error: string | RegExp) {
  const response = await poll(request, deviceCode);
  expect(response.status()).toBe(400);
  expect(await response.json()).toMatchObject({
    error: typeof error === "string" ? error : expect.stringMatching(error),
  });
}

// Still waiting for its user, whether or not the program asked too soon.
const UNANSWERED = /^(authorization_pending|slow_down)$/;

/** The approval page's form, posted as a browser without JavaScript would; its message. */
async function postApprovalForm(page: Page, fields: Record<string, string>, forgedState?: object) {
  const answer = await postPageForm(page.request, "/account/apps/approve", 'name="intent"', fields, { forgedState });
  expect(answer.status).toBe(200);
  return answer.message;
}

test.describe("linking a program with a code", () => {
  test("The program shows a code, its owner approves it with the password, and the program gets its tokens.", async ({
    page,
    credentials,
    baseURL,
  }) => {
    await signUpOverHttp(page, credentials);
    const credentialsFile = path.join(mkdtempSync(path.join(tmpdir(), "device-link-")), "tokens.json");
    const client = spawn(
      "npm",
      ["run", "--silent", "api-client", "--", "link", "--device", "--name", "Laptop CLI"].concat([
        "--server",
        baseURL!,
        "--credentials",
        credentialsFile,
      ]),
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    // Listened for at once: the client may finish while the test still looks at the page.
    const exited = once(client, "exit");
    let output = "";
    client.stdout.on("data", (chunk) => (output += chunk));
    client.stderr.on("data", (chunk) => (output += chunk));
    await expect.poll(() => /enter the code ([A-Z]{4}-[A-Z]{4})/.exec(output)?.[1], { timeout: 30_000 }).toBeTruthy();
    const userCode = /enter the code ([A-Z]{4}-[A-Z]{4})/.exec(output)![1]!;
    expect(output).toContain(`${baseURL}/account/apps/approve`);

    await enterUserCode(page, userCode);
    await expect(page.getByText("“Laptop CLI” asks to be linked to your account")).toBeVisible();
    await page.getByLabel("Your password").fill(`${credentials.password}-wrong`);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Your password is not correct.");
    await page.getByLabel("Your password").fill(credentials.password);
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("status")).toContainText("“Laptop CLI” is linked");

    const [code] = await exited;
    expect(output).toContain(`Linked as ${credentials.email} ("Laptop CLI")`);
    expect(code).toBe(0);
    await page.goto("/account/apps");
    await expect(page.getByRole("row", { name: /Laptop CLI/ })).toContainText("End link");
  });

  test(
    "A device code is answered once: it waits, can be denied, expires, and cannot be collected twice.",
    { tag: ["@v4.0.3-3.5.3"] },
    async ({ page, request, credentials, db }) => {
      await signUpOverHttp(page, credentials);

      const denied = await startDeviceLink(request, "Denied program");
      await expectWaiting(request, denied.device_code, "authorization_pending");
      // As if it had asked a moment ago: the answer is to ask less often, whatever the machine's speed.
      await db.deviceAuthorization.updateMany({
        where: { deviceCodeHash: sha256(denied.device_code) },
        data: { lastPolledAt: new Date(Date.now() + 3600_000) },
      });
      await expectWaiting(request, denied.device_code, "slow_down");
      await enterUserCode(page, denied.user_code);
      await page.getByRole("button", { name: "Deny" }).click();
      await expect(page.getByRole("status")).toContainText("You declined");
      await expectWaiting(request, denied.device_code, "access_denied");

      const expired = await startDeviceLink(request, "Slow program");
      await db.deviceAuthorization.updateMany({
        where: { deviceCodeHash: sha256(expired.device_code) },
        data: { expiresAt: new Date() },
      });
      await expectWaiting(request, expired.device_code, "expired_token");
      await enterUserCode(page, expired.user_code);
      await expect(page.locator("form").getByRole("alert")).toContainText("No program is waiting with this code");

      const approved = await startDeviceLink(request, "Approved program");
      await enterUserCode(page, approved.user_code);
      await page.getByLabel("Your password").fill(credentials.password);
      await page.getByRole("button", { name: "Approve" }).click();
      await expect(page.getByRole("status")).toContainText("is linked");
      const collected = await poll(request, approved.device_code);
      expect(collected.status()).toBe(200);
      expect((await callMe(request, (await collected.json()).access_token)).status()).toBe(200);
      await expectRefreshRefused(await poll(request, approved.device_code), "the device code a second time");
      await expectRefreshRefused(await poll(request, "A".repeat(43)), "a device code never issued");
    },
  );

  test(
    "One client address starts only so many device requests within a code's lifetime; the next is answered 429 with how long to wait.",
    { tag: ["@v5.0.0-6.3.4"] },
    async ({ request }) => {
      for (let start = 0; start < PROGRAM_TOKEN_POLICY.deviceStartsPerAddress; start++) {
        await startDeviceLink(request, `Program ${start}`);
      }
      const refused = await request.post("/api/v1/device", { form: { name: "One too many" } });
      expect(refused.status()).toBe(429);
      expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(PROGRAM_TOKEN_POLICY.deviceCodeSeconds - 60);
      expect(await refused.json()).toMatchObject({ error: "slow_down" });
    },
  );

  test(
    "Codes that match no waiting program are counted per account, and the page's own state is never trusted: a forged one answers nothing.",
    { tag: ["@v5.0.0-6.3.4"] },
    async ({ page, request, credentials }) => {
      await signUpOverHttp(page, credentials);
      const program = await startDeviceLink(request, "Guessed program");
      // A state the page never showed, naming the program's code: the deny must look the posted code up, and none
      // was posted.
      const forged = { step: "confirm", userCode: program.user_code, programName: "Guessed program" };
      expect(await postApprovalForm(page, { intent: "deny" }, forged)).toBe("Enter the code the program shows.");
      await expectWaiting(request, program.device_code, "authorization_pending");

      for (let guess = 0; guess < PROGRAM_TOKEN_POLICY.wrongUserCodesPerAccount; guess++) {
        expect(await postApprovalForm(page, { intent: "find", code: "BCDF-BCDF" })).toContain("No program is waiting");
      }
      // Out of guesses: the next code is not looked up, not even the right one, and nothing is answered.
      const waitMessage = describeWait(PROGRAM_TOKEN_POLICY.deviceCodeSeconds);
      expect(await postApprovalForm(page, { intent: "find", code: program.user_code })).toBe(waitMessage);
      expect(await postApprovalForm(page, { intent: "deny", code: program.user_code })).toBe(waitMessage);
      await expectWaiting(request, program.device_code, UNANSWERED);
    },
  );
});
