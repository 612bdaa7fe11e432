// Where a confirmed password may lead back to: a fixed list, so the form cannot be turned into an open redirect.
export const REAUTHENTICATION_RETURN_PATHS = [
  "/account/sessions",
  "/account/apps",
  "/account/delete",
  "/admin",
] as const;

export type ReauthenticationReturnPath = (typeof REAUTHENTICATION_RETURN_PATHS)[number];
