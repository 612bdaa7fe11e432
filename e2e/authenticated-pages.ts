import { existsSync } from "node:fs";

/** Every page that needs a signed-in user (the admin page also needs the admin role). */
export const AUTHENTICATED_PAGES = [
  "/account",
  "/account/sessions",
  "/account/activity",
  "/account/apps",
  "/account/apps/approve",
  "/account/password",
  "/account/email",
  "/account/delete",
];
// The compliance page belongs to the demo; a clone that strips the proof has no such page.
export const PUBLIC_PAGES = ["/", "/login", "/signup", ...(existsSync("app/compliance") ? ["/compliance"] : [])];
