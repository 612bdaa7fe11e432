import { SECURITY_EVENT_KINDS, SESSION_END_DETAILS } from "@/lib/activity/event-kinds";
import {
  USER_AGENTS,
  changePassword,
  expect,
  expectSecurityActivity,
  mailSentTo,
  newIdentifiableClient,
  signIn,
  signInOnAnotherDevice,
  signOut,
  signUp,
  test,
  trySignIn,
  type Credentials,
} from "./fixtures";
import type { Page } from "@playwright/test";

const rowsSaying = (rows: string[], text: string) => rows.filter((row) => row.includes(text));

test.describe("security activity", () => {
  test(
    "The owner sees every sign-in, wrong password, renewal, sign-out, ended or expired session and change, with its device and address.",
    { tag: ["@v5.0.0-16.3.1"] },
    async ({ browser, baseURL, credentials, db, replay }) => {
      const owner = await newIdentifiableClient(browser, baseURL!);
      await signUp(owner.page, credentials);
      const stranger = await newIdentifiableClient(browser, baseURL!);
      await trySignIn(stranger.page, credentials.email, "a wrong guess");
      const idle = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.safariIphone);
      await db.session.update({ where: { publicId: idle.publicId }, data: { lastSeenAt: new Date(0) } });
      expect((await replay(idle.cookie)).status()).toBe(401);
      const laptop = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.firefoxLinux);

      await changePassword(owner.page, credentials.password, `${credentials.password}-new`);
      await expect(owner.page.getByRole("status")).toContainText("changed");
      await signOut(owner.page);
      await signIn(owner.page, { ...credentials, password: `${credentials.password}-new` });

      await expectSecurityActivity(owner.page, (rows) => {
        const fromOwner = rows.filter((row) => row.includes(owner.ipAddress));
        expect(rowsSaying(fromOwner, SECURITY_EVENT_KINDS["account-created"])).toHaveLength(1);
        expect(rowsSaying(fromOwner, `${SECURITY_EVENT_KINDS["signed-in"]}\t`)).toHaveLength(2);
        expect(rowsSaying(fromOwner, SECURITY_EVENT_KINDS["session-renewed"])).toHaveLength(1);
        expect(rowsSaying(fromOwner, SECURITY_EVENT_KINDS["password-changed"])).toHaveLength(1);
        expect(rowsSaying(fromOwner, SECURITY_EVENT_KINDS["signed-out"])).toHaveLength(1);
        const fromStranger = rows.filter((row) => row.includes(stranger.ipAddress));
        expect(fromStranger).toHaveLength(1);
        expect(fromStranger[0]).toContain(SECURITY_EVENT_KINDS["sign-in-failed"]);
        expect(
          rowsSaying(rows, `${SECURITY_EVENT_KINDS["session-expired"]}: ${SESSION_END_DETAILS["idle-timeout"]}`),
        ).toEqual([expect.stringContaining("Safari")]);
        expect(
          rowsSaying(rows, `${SECURITY_EVENT_KINDS["session-ended"]}: ${SESSION_END_DETAILS["revoked-by-user"]}`),
        ).toEqual([expect.stringContaining("Firefox")]);
      });
      // Newest first: the last sign-in heads the list.
      expect(await owner.page.getByRole("table").getByRole("row").nth(1).innerText()).toContain(
        SECURITY_EVENT_KINDS["signed-in"],
      );
      await Promise.all([owner, stranger, idle, laptop].map(({ context }) => context.close()));
    },
  );

  test(
    "A sign-in from a new kind of device and every password or email change become notices, by email too; an email change reaches the old address.",
    { tag: ["@v5.0.0-6.3.7", "@v4.0.3-2.2.3", "@v5.0.0-6.3.5"] },
    async ({ browser, baseURL, page, credentials }) => {
      await signUp(page, credentials);
      // The same kind of browser again is not news.
      const sameKind = await browser.newContext({ baseURL });
      await signIn(await sameKind.newPage(), credentials);
      await page.goto("/account");
      await expect(page.getByRole("heading", { name: "Security notices" })).toHaveCount(0);

      const phone = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.safariIphone);
      await expectNotice(page, `${SECURITY_EVENT_KINDS["signed-in"]} from a device not seen before`, "Safari");
      await expect.poll(() => subjects(credentials)).toEqual([expect.stringContaining("device not seen before")]);
      expect(mailSentTo(credentials.email)[0]!.text).toContain("Safari");
      await page.getByRole("button", { name: "Dismiss these notices" }).click();
      await expect(page.getByRole("heading", { name: "Security notices" })).toHaveCount(0);

      const newPassword = `${credentials.password}-new`;
      await changePassword(page, credentials.password, newPassword, { keepOtherSessions: true });
      await expect(page.getByRole("status")).toContainText("changed");
      await expectNotice(page, SECURITY_EVENT_KINDS["password-changed"]);
      await expect.poll(() => subjects(credentials)).toHaveLength(2);
      expect(subjects(credentials)[1]).toContain(SECURITY_EVENT_KINDS["password-changed"]);

      const newEmail = `new-${credentials.email}`;
      await page.goto("/account/email");
      await page.getByLabel("New email").fill(newEmail);
      await page.getByLabel("Current password").fill(newPassword);
      await page.getByRole("button", { name: "Change email" }).click();
      await expect(page.getByRole("status")).toContainText(newEmail);
      await expectNotice(page, SECURITY_EVENT_KINDS["email-changed"]);
      // The old address hears of it: if a thief changed it, the owner still learns.
      await expect.poll(() => subjects(credentials)).toHaveLength(3);
      expect(subjects(credentials)[2]).toContain(SECURITY_EVENT_KINDS["email-changed"]);
      await expect
        .poll(() => mailSentTo(newEmail).map((mail) => mail.subject))
        .toEqual([expect.stringContaining(SECURITY_EVENT_KINDS["email-changed"])]);
      await Promise.all([sameKind.close(), phone.context.close()]);
    },
  );
});

function subjects({ email }: Credentials) {
  return mailSentTo(email).map((mail) => mail.subject);
}

async function expectNotice(page: Page, description: string, device?: string) {
  await page.goto("/account");
  const notices = page.getByRole("region", { name: "Security notices" });
  await expect(notices.getByRole("row").filter({ hasText: description })).toHaveCount(1);
  if (device) await expect(notices.getByRole("row").filter({ hasText: description })).toContainText(device);
}
