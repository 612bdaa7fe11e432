// Creates Better Auth's tables in PEER_DATABASE_FILE before the peer starts.
import { getMigrations } from "better-auth/db/migration";
import { auth } from "./lib/auth.js";

const { runMigrations } = await getMigrations(auth.options);
await runMigrations();
