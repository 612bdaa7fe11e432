import { createHash } from "node:crypto";
import { unsealData } from "iron-session";
import {
  cookieNames,
  currentPublicId,
  expect,
  forgeSeal,
  KNOWN_BROWSER_COOKIE,
  sessionCookieValue,
  signUpOverHttp,
  test,
} from "./fixtures";
import { createDatabaseClient } from "@/lib/platform/database-client";
import { serverBaseUrl, serverDatabase } from "./test-servers";

test.use({ serverName: "isolated" });

// Against the isolated server (see e2e/test-servers.ts): it seals with a secret of its own, and these tests
// may take its database offline, so they run one at a time.
test.describe.configure({ mode: "serial" });

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Holds a write lock in an open transaction, as a database that cannot take writes would: reads go on, and
 * every write waits for the lock and then fails (SQLite's busy timeout, PostgreSQL's lock timeout). SQLite
 * has one lock for the whole file, taken by any write; on PostgreSQL the sessions table is locked against
 * writes. Resolves once the lock is held, with the way to bring the database back.
 */
async function takeDatabaseWritesOffline() {
  const database = serverDatabase("isolated");
  const locker = createDatabaseClient({ target: database, poolSize: 1 });
  let bringBack!: () => void;
  const back = new Promise<void>((resolve) => (bringBack = resolve));
  let held!: () => void;
  const lockHeld = new Promise<void>((resolve) => (held = resolve));
  const transaction = locker
    .$transaction(
      async (tx) => {
        if (database.kind === "postgresql") await tx.$executeRawUnsafe(`LOCK TABLE "Session" IN EXCLUSIVE MODE`);
        else await tx.auditEvent.create({ data: { action: "e2e-write-lock", actorEmail: "e2e" } });
        held();
        await back;
        throw new Error("rolled back on purpose");
      },
      { timeout: 120_000 },
    )
    .catch(() => undefined);
  await lockHeld;
  return async () => {
    bringBack();
    await transaction;
    await locker.$disconnect();
  };
}

test.describe("a server of its own", () => {
  test(
    "A sign-out the database cannot take is refused at once and applied when the database is back: the old token never works again.",
    { tag: ["@v5.0.0-7.4.1", "@v3.0.1-3.2", "@v4.0.3-3.3.1"] },
    async ({ page, credentials, db, replay }) => {
      await signUpOverHttp(page, credentials);
      const publicId = await currentPublicId(page);
      const oldCookie = await sessionCookieValue(page.context());

      const bringBack = await takeDatabaseWritesOffline();
      try {
        await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
        await expect(page).toHaveURL(/\/login\?reason=sign-out-incomplete$/);
        await expect(page.getByRole("status")).toContainText("could not confirm the sign-out");
        // What is left is the known-browser cookie, which opens no session (lib/sign-in/known-browsers.ts).
        expect(await cookieNames(page.context())).toEqual([KNOWN_BROWSER_COOKIE]);
        // Meanwhile the database still holds the session as open, yet the server refuses it.
        expect((await db.session.findUniqueOrThrow({ where: { publicId } })).endedAt).toBeNull();
        expect((await replay(oldCookie)).status()).toBe(401);
      } finally {
        await bringBack();
      }

      // Back online: the next requests write the pending sign-out, and the token stays dead.
      await expect
        .poll(async () => {
          expect((await replay(oldCookie)).status()).toBe(401);
          return (await db.session.findUniqueOrThrow({ where: { publicId } })).endReason;
        })
        .toBe("sign-out");
      expect((await replay(oldCookie)).status()).toBe(401);
    },
  );

  test(
    "A cookie issued by another deployment is refused even when this server knows its token: the key decides who it is for.",
    { tag: ["@v5.0.0-9.2.3", "@v5.0.0-9.1.3", "@v4.0.3-3.5.3"] },
    async ({ browser, credentials, db, replay }) => {
      // A live session on the main test server, which seals with the shared test secret.
      const elsewhere = await browser.newContext({ baseURL: serverBaseUrl("app") });
      const elsewherePage = await elsewhere.newPage();
      await signUpOverHttp(elsewherePage, credentials);
      const foreignCookie = await sessionCookieValue(elsewhere);
      const { t: token } = await unsealData<{ t: string }>(foreignCookie, {
        password: { 1: process.env.E2E_SESSION_SECRET! },
      });
      await elsewhere.close();

      // The same token, valid in this server's database too (as if both deployments shared one database).
      const now = new Date();
      const user = await db.user.create({ data: { email: credentials.email, passwordHash: "not used" } });
      await db.session.create({
        data: {
          publicId: `shared-${sha256(token).slice(0, 20)}`,
          tokenHash: sha256(token),
          userId: user.id,
          lastSeenAt: now,
          authenticatedAt: now,
          absoluteExpiresAt: new Date(now.getTime() + 3600_000),
        },
      });

      expect((await replay(foreignCookie)).status()).toBe(401);
      // Control: sealed with this server's own key, the very same token is accepted.
      const ownSeal = await forgeSeal({ t: token }, process.env.E2E_OTHER_SESSION_SECRET!);
      expect((await replay(ownSeal)).status()).toBe(200);
    },
  );
});
