// `npm run admin -- COMMAND`: manage administrators and stored timeouts from the command line.
// Runs with the react-server condition so it can use the app's own server modules.
import { recordAdminAction } from "@/lib/activity/admin-audit";
import { db } from "@/lib/platform/db";
import { clearPolicyOverrides } from "@/lib/session/timeout-overrides";
import { recordSecurityEvent } from "@/lib/activity/security-activity";
import { clearAccountLock } from "@/lib/sign-in/throttle";
import { findUserByEmail, listUsers, setUserRole } from "@/lib/sign-in/accounts";
import { normalizeEmail } from "@/lib/sign-in/validation";
import { readDemoSecrets } from "@/scripts/server-setup.mts";
import { describeFailure, exitWithUsage, parseCommandLine, type CommandDescription } from "@/scripts/usage";

const COMMAND = {
  usage: [
    "npm run admin -- grant EMAIL        make the account with this email an administrator",
    "npm run admin -- revoke EMAIL       take the administrator role away again",
    "npm run admin -- unlock EMAIL       clear the account's count of wrong passwords: sign-ins are checked again",
    "npm run admin -- list               list every account with its role and status",
    "npm run admin -- reset-timeouts     drop the timeouts saved on /admin; the environment's apply again",
  ],
  about:
    "Works on the database that DATABASE_URL names (the demo's own by default). unlock also needs the app's SESSION_SECRET or SESSION_SECRETS (the demo's own by default): the throttle names accounts by a keyed hash. Every change is recorded.",
  positionals: { min: 1, max: 2 },
} satisfies CommandDescription;

const { positionals } = parseCommandLine(process.argv.slice(2), COMMAND);
const [command, rawEmail] = positionals as [string, string | undefined];
const TAKES_EMAIL = ["grant", "revoke", "unlock"];
if (![...TAKES_EMAIL, "list", "reset-timeouts"].includes(command))
  exitWithUsage(COMMAND, `Unknown command "${command}".`);
if (TAKES_EMAIL.includes(command) !== (rawEmail !== undefined)) {
  exitWithUsage(COMMAND, TAKES_EMAIL.includes(command) ? `${command} needs an email.` : `${command} takes no email.`);
}

// On the demo's own database, the demo's own secret, as `npm run demo` uses it.
if (!process.env.DATABASE_URL && !process.env.SESSION_SECRETS && !process.env.SESSION_SECRET) {
  const demoSecrets = readDemoSecrets();
  if (demoSecrets) process.env.SESSION_SECRETS = demoSecrets;
}

async function run(): Promise<number> {
  if (command === "list") {
    for (const user of await listUsers()) {
      console.log(`${user.role.padEnd(6)} ${user.disabledAt ? "disabled" : "active  "} ${user.email}`);
    }
    return 0;
  }
  if (command === "reset-timeouts") {
    const removed = await clearPolicyOverrides();
    await recordAdminAction("command line", "reset-timeouts", null, `${removed} stored values removed`);
    console.log(
      removed > 0 ? "The stored timeouts are gone; the environment's apply now." : "No timeouts were stored.",
    );
    return 0;
  }
  const user = await findUserByEmail(normalizeEmail(rawEmail!));
  if (!user) {
    console.error(`No account uses ${rawEmail}.${command === "unlock" ? "" : " Sign up first, then grant the role."}`);
    return 1;
  }
  if (command === "unlock") {
    await clearAccountLock(user.email);
    await recordSecurityEvent({ userId: user.id, kind: "unlocked-by-admin", notice: true });
    await recordAdminAction("command line", "unlock", user.email);
    console.log(`${user.email}: the count of wrong passwords is cleared; sign-ins from any browser are checked again.`);
    return 0;
  }
  await setUserRole(user.id, command === "grant" ? "admin" : "user");
  await recordAdminAction("command line", command === "grant" ? "grant-admin" : "revoke-admin", user.email);
  console.log(`${user.email} is ${command === "grant" ? "now an administrator" : "no longer an administrator"}.`);
  return 0;
}

try {
  process.exitCode = await run();
} catch (error) {
  console.error(`The command failed: ${describeFailure(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
