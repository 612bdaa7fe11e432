// The child process that runs argon2id for lib/sign-in/password.ts, at the lowest CPU priority the system gives.
// A flood of sign-ins then hashes only with the CPU that serving requests leaves over, instead of taking a core
// from the app's own thread. CommonJS on purpose: its first line runs before Node starts the thread pool that
// hashes, and on Linux, where priority is per thread, new threads inherit it.
"use strict";
const LOWEST_PRIORITY = 19; // as in `nice -n 19`
try {
  require("node:os").setPriority(LOWEST_PRIORITY);
} catch {
  // Some systems refuse; hashing then runs at normal priority, as it would in the app's own process.
}
const argon2 = require("argon2");

const OPERATIONS = {
  hash: ({ password, options }) => argon2.hash(password, options),
  // An unreadable stored hash is a "no", as for a wrong password.
  verify: ({ passwordHash, password }) => argon2.verify(passwordHash, password).catch(() => false),
};

process.on("message", ({ id, operation, input }) => {
  const run = OPERATIONS[operation];
  if (!run) return void process.send({ id, failed: `unknown operation ${operation}` });
  run(input).then(
    (result) => process.send({ id, result }),
    (error) => process.send({ id, failed: error instanceof Error ? error.name : "error" }),
  );
});
// The app has gone: nothing is left to hash for.
process.on("disconnect", () => process.exit(0));
