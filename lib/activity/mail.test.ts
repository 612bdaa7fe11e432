import { expect, it } from "vitest";
import { readMailSettings } from "@/lib/activity/mail";

it("sends no email without SMTP_URL, and refuses a malformed one without repeating it", () => {
  expect(readMailSettings({})).toBeNull();
  expect(
    readMailSettings({
      SMTP_URL: "smtp://mailer:s3cret@mail.example.test:587",
      PUBLIC_ORIGIN: "https://app.example.test",
    }),
  ).toEqual({
    url: "smtp://mailer:s3cret@mail.example.test:587",
    from: "Sessionproof <no-reply@app.example.test>",
  });
  expect(() => readMailSettings({ SMTP_URL: "https://mailer:s3cret@mail.example.test" })).toThrow(/smtp:\/\//);
  expect(() => readMailSettings({ SMTP_URL: "s3cret and more" })).toThrow(/not a URL/);
  expect(() => readMailSettings({ SMTP_URL: "s3cret and more" })).not.toThrow(/s3cret/);
});
