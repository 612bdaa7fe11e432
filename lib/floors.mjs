// The architecture of lib/ as data: each folder is a floor that may import only the floors listed for it (and
// itself). eslint.config.mjs turns this into import rules, lib/architecture.test.ts checks the whole import
// graph against it, and docs/project-layout.md draws it.

export const FLOORS = {
  platform: [],
  session: ["platform"],
  activity: ["platform", "session"],
  "sign-in": ["platform", "session", "activity"],
  programs: ["platform", "session"],
  operations: ["platform", "session", "activity", "sign-in", "programs"],
  dal: ["platform", "session", "activity", "sign-in", "programs"],
};

// Modules app/ may import besides the data access layer: words and input rules that pages, forms and client
// components share with the server. Each is pure: no "server-only", no database, no secrets.
export const SHARED_WITH_APP = [
  "activity/device",
  "programs/link-end-reasons",
  "programs/program-name",
  "session/end-notices",
  "session/session-policy",
  "sign-in/throttle-message",
  "sign-in/validation",
];
