import { describe, expect, it } from "vitest";
import { checkServerConfiguration } from "./configuration";

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;
const secret = "s".repeat(32);

describe("the start-up configuration check", () => {
  it("passes with a secret and defaults for everything else", () => {
    expect(checkServerConfiguration(env({ SESSION_SECRET: secret }))).toEqual([]);
  });

  it("lists every problem at once, each naming what to fix", () => {
    const problems = checkServerConfiguration(
      env({ SESSION_IDLE_TIMEOUT_SECONDS: "soon", DATABASE_URL: "mysql://root@localhost/app" }),
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/SESSION_SECRET/);
    expect(problems[1]).toMatch(/SESSION_IDLE_TIMEOUT_SECONDS/);
    expect(problems[2]).toMatch(/DATABASE_URL/);
  });
});
