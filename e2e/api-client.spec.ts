import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, signUpOverHttp, test } from "./fixtures";
import { linkProgram } from "./program-api";

const run = promisify(execFile);

test.describe("the worked API client", () => {
  test("Links with the refresh token from the page, calls the API, refreshes and unlinks, printing no token.", async ({
    page,
    credentials,
    baseURL,
  }) => {
    await signUpOverHttp(page, credentials);
    const refreshToken = await linkProgram(page, credentials, "Worked example");
    const credentialsFile = path.join(mkdtempSync(path.join(tmpdir(), "api-client-")), "tokens.json");
    const client = async (command: string, input?: string) => {
      const child = run("npm", [
        "run",
        "--silent",
        "api-client",
        "--",
        command,
        "--server",
        baseURL!,
        "--credentials",
        credentialsFile,
      ]);
      if (input !== undefined) child.child.stdin!.end(input);
      const { stdout, stderr } = await child;
      return stdout + stderr;
    };

    const linked = await client("link", `${refreshToken}\n`);
    expect(linked).toContain(`Linked as ${credentials.email} ("Worked example")`);
    expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(credentialsFile, "utf8"));
    // Linking spent the token the page showed: the file holds its successor.
    expect(saved.refreshToken).not.toBe(refreshToken);

    expect(JSON.parse(await client("call"))).toMatchObject({ user: { email: credentials.email } });
    expect(await client("refresh")).toContain("Refreshed.");
    const outputs = [linked, await client("call"), await client("unlink")];
    expect(outputs[2]).toContain("Unlinked");
    for (const output of outputs) {
      expect(output).not.toContain(saved.refreshToken);
      expect(output).not.toContain(saved.accessToken);
    }
    await page.goto("/account/apps");
    await expect(page.getByRole("row", { name: /Worked example/ })).toContainText("The program ended its own link.");
  });
});
