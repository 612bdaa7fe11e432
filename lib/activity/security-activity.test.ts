import { afterAll, expect, it, vi } from "vitest";
import { createTestDatabaseUrl } from "@/testing/temporary-database";

// Outside a request, work meant for after the response runs at once.
vi.mock("next/server", () => ({ after: (task: () => unknown) => void task() }));
const sendMail = vi.fn(async () => true);
vi.mock("@/lib/activity/mail", () => ({ sendMail }));

process.env.DATABASE_URL = await createTestDatabaseUrl("security-activity");
const { db } = await import("@/lib/platform/db");
const { listOpenNotices, recordSecurityEvent, recordSignIn } = await import("@/lib/activity/security-activity");
afterAll(() => db.$disconnect());

const CHROME_130_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";
const CHROME_131_LINUX = CHROME_130_LINUX.replace("130.0", "131.0");
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

it("makes a notice, and an email, only of a sign-in from a kind of device the account has not used", async () => {
  const user = await db.user.create({ data: { email: "devices@example.test", passwordHash: "not a hash" } });
  const from = (userAgent: string) => ({ ipAddress: "192.0.2.1", userAgent });
  await recordSecurityEvent({ userId: user.id, kind: "account-created", client: from(CHROME_130_LINUX) });

  await recordSignIn(user, from(CHROME_130_LINUX));
  await recordSignIn(user, from(CHROME_131_LINUX)); // an update of the same browser
  expect(await listOpenNotices(user.id)).toEqual([]);
  expect(sendMail).not.toHaveBeenCalled();

  await recordSignIn(user, from(FIREFOX_WINDOWS));
  expect(await listOpenNotices(user.id)).toEqual([
    expect.objectContaining({ description: "Signed in from a device not seen before", ipAddress: "192.0.2.1" }),
  ]);
  await vi.waitFor(() =>
    expect(sendMail).toHaveBeenCalledWith(
      "devices@example.test",
      expect.any(String),
      expect.stringContaining("Firefox"),
    ),
  );

  await recordSignIn(user, from(FIREFOX_WINDOWS));
  expect(await listOpenNotices(user.id)).toHaveLength(1);
});
