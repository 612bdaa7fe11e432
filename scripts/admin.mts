// `npm run admin -- grant EMAIL` / `revoke EMAIL` / `list`: manage administrators from the command line.
// Runs with the react-server condition so it can use the app's own server modules.
import { recordAdminAction } from "@/lib/server/admin-audit";
import { db } from "@/lib/server/db";
import { findUserByEmail, listUsers, setUserRole } from "@/lib/server/user";
import { normalizeEmail } from "@/lib/validation";

const [command, rawEmail] = process.argv.slice(2);
const USAGE = "usage: npm run admin -- grant EMAIL | revoke EMAIL | list";

async function main() {
  if (command === "list") {
    for (const user of await listUsers())
      console.log(`${user.role.padEnd(6)} ${user.disabledAt ? "disabled" : "active  "} ${user.email}`);
    return 0;
  }
  if ((command !== "grant" && command !== "revoke") || !rawEmail) {
    console.error(USAGE);
    return 2;
  }
  const user = await findUserByEmail(normalizeEmail(rawEmail));
  if (!user) {
    console.error(`No account uses ${rawEmail}. Sign up first, then grant the role.`);
    return 1;
  }
  await setUserRole(user.id, command === "grant" ? "admin" : "user");
  await recordAdminAction("command line", command === "grant" ? "grant-admin" : "revoke-admin", user.email);
  console.log(`${user.email} is ${command === "grant" ? "now an administrator" : "no longer an administrator"}.`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`The command failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
