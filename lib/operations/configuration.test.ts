import { describe, expect, it } from "vitest";
import { checkServerConfiguration } from "@/lib/operations/configuration";
import { generateSigningKey } from "@/lib/programs/signing-keys";

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;
const secret = "s".repeat(32);
const signingKeys = JSON.stringify({ keys: [generateSigningKey()] });

describe("the start-up configuration check", () => {
  it("passes with a secret, a signing key and defaults for everything else", () => {
    expect(checkServerConfiguration(env({ SESSION_SECRET: secret, API_SIGNING_KEYS: signingKeys }))).toEqual([]);
  });

  it("lists every problem at once, each naming what to fix", () => {
    const problems = checkServerConfiguration(
      env({ SESSION_IDLE_TIMEOUT_SECONDS: "soon", DATABASE_URL: "mysql://root@localhost/app" }),
    );
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/SESSION_SECRET/);
    expect(problems[1]).toMatch(/API_SIGNING_KEYS/);
    expect(problems[2]).toMatch(/SESSION_IDLE_TIMEOUT_SECONDS/);
    expect(problems[3]).toMatch(/DATABASE_URL/);
  });
});
