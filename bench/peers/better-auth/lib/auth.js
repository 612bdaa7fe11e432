import Database from "better-sqlite3";
import { betterAuth } from "better-auth";

// Email and password, sessions in SQLite, and no cookie cache: every request asks the database, as a session that
// can be revoked at once must.
export const auth = betterAuth({
  database: new Database(process.env.PEER_DATABASE_FILE ?? "peer.db"),
  emailAndPassword: { enabled: true },
  session: { cookieCache: { enabled: false } },
  rateLimit: { enabled: false },
  telemetry: { enabled: false },
});
