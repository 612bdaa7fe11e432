import { readHiddenFormFields } from "./forms";
import { USER_AGENTS, expect, signInOnAnotherDevice, signUp, test } from "./fixtures";

test.describe("requests from other sites", () => {
  test("Another site cannot submit the app's forms: a cross-site server action changes nothing, even with the user's cookie.", { tag: ["@v5.0.0-3.5.1", "@v4.0.3-4.2.2", "@v3.0.1-4.13", "@v4.0.3-13.2.3"] }, async ({
    browser,
    page,
    credentials,
    replay,
    baseURL,
  }) => {
    await signUp(page, credentials);
    const laptop = await signInOnAnotherDevice(browser, baseURL!, credentials, USER_AGENTS.firefoxLinux);
    const html = await (await page.request.get("/account/sessions")).text();
    // The laptop's revoke form, as a browser without JavaScript would submit it.
    const fields = readHiddenFormFields(html, `value="${laptop.publicId}"`);
    expect(fields.publicId).toBe(laptop.publicId);

    // The browser attaches the Lax cookie only to same-site requests; this client sends it anyway, which is
    // the worst case: only the Origin check stands in the way.
    const forged = await page.request.post("/account/sessions", {
      multipart: fields,
      headers: { Origin: "http://attacker.test" },
      maxRedirects: 0,
    });
    expect(forged.status()).toBeGreaterThanOrEqual(400);
    expect((await replay(laptop.cookie)).status()).toBe(200);

    // Control: the same submission from the app's own origin does end the session.
    const genuine = await page.request.post("/account/sessions", {
      multipart: fields,
      headers: { Origin: new URL(baseURL!).origin },
      maxRedirects: 0,
    });
    expect(genuine.status()).toBe(303);
    expect((await replay(laptop.cookie)).status()).toBe(401);
    await laptop.context.close();
  });
});
