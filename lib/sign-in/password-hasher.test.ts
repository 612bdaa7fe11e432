import { spawnSync } from "node:child_process";
import { pbkdf2 } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import argon2 from "argon2";
import { describe, expect, it } from "vitest";
import { PasswordHasherStopped, passwordHasher } from "@/lib/sign-in/password-hasher";

const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };
const HAS_PROC = existsSync("/proc/self/task");

describe("the password hashing process", () => {
  it("hashes and verifies with argon2", async () => {
    const hash = await passwordHasher.hash("correct horse", OPTIONS);
    expect(await argon2.verify(hash, "correct horse")).toBe(true);
    expect(await passwordHasher.verify(hash, "correct horse")).toBe(true);
    expect(await passwordHasher.verify(hash, "wrong horse")).toBe(false);
    expect(await passwordHasher.verify("not a hash", "correct horse")).toBe(false);
  });

  it("leaves this process's thread pool free while it hashes", async () => {
    // As many hashes as Node's pool has threads: in this process they would hold every one of them, and the
    // pool work every request needs (the cookie's WebCrypto) would get in only between them: a dozen times
    // here, against thousands with the hashing elsewhere.
    let hashing = true;
    const hashes = Promise.all(Array.from({ length: 4 }, () => passwordHasher.hash("pw", OPTIONS))).finally(
      () => (hashing = false),
    );
    let poolWorkDone = 0;
    while (hashing) {
      await promisify(pbkdf2)("cookie", "salt", 1, 32, "sha256");
      poolWorkDone++;
    }
    await hashes;
    expect(poolWorkDone).toBeGreaterThan(200);
  });

  it.runIf(HAS_PROC)("hashes on threads at the lowest CPU priority", async () => {
    for (let round = 0; round < 5; round++) await passwordHasher.hash("pw", OPTIONS);
    const threads = readThreads(findHasherProcessId());
    const busiest = threads.reduce((most, thread) => (thread.cpuTicks > most.cpuTicks ? thread : most));
    expect(busiest.cpuTicks).toBeGreaterThan(0);
    expect(busiest.nice).toBe(19);
  });

  it.runIf(HAS_PROC)("fails the checks it had when it stops, and the next check starts it again", async () => {
    await passwordHasher.hash("start", OPTIONS);
    const pending = passwordHasher.verify(await passwordHasher.hash("pw", OPTIONS), "pw");
    process.kill(findHasherProcessId(), "SIGKILL");
    await expect(pending).rejects.toBeInstanceOf(PasswordHasherStopped);
    expect(await passwordHasher.verify(await passwordHasher.hash("pw", OPTIONS), "pw")).toBe(true);
  });

  it("lets a program exit once its hashing is done, and not before", () => {
    const directory = mkdtempSync(path.join(tmpdir(), "hasher-exit-"));
    try {
      const script = path.join(directory, "hash-once.mts");
      writeFileSync(
        script,
        `const { hashPassword } = await import(${JSON.stringify(path.resolve("lib/sign-in/password.ts"))});
        console.log((await hashPassword("pw")).startsWith("$argon2id$") ? "hashed" : "not hashed");`,
      );
      const run = spawnSync("npx", ["tsx", "--conditions=react-server", script], { encoding: "utf8", timeout: 30_000 });
      expect(run.stdout.trim()).toBe("hashed");
      expect(run.status).toBe(0);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

function findHasherProcessId(): number {
  const found = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .find((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return parent === process.pid && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("password-hasher");
      } catch {
        return false; // ended while we looked
      }
    });
  if (!found) throw new Error("No password hashing process is running under this one.");
  return Number(found);
}

function readThreads(pid: number) {
  return readdirSync(`/proc/${pid}/task`).map((thread) => {
    const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, "utf8");
    // Fields after the command name, from the third: utime and stime are the 14th and 15th, nice the 19th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { cpuTicks: Number(fields[11]) + Number(fields[12]), nice: Number(fields[16]) };
  });
}
