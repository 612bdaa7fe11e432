// Input rules for accounts (email and password), shared by the forms and the server actions that re-check them.

export const PASSWORD_MIN_LENGTH = 8;
// Long enough for any passphrase, short enough that hashing cost stays bounded.
export const PASSWORD_MAX_LENGTH = 128;
const EMAIL_MAX_LENGTH = 254;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function checkEmail(input: unknown): Checked<string> {
  if (typeof input !== "string" || input.trim() === "") return { ok: false, error: "Enter your email address." };
  const email = normalizeEmail(input);
  if (email.length > EMAIL_MAX_LENGTH || !EMAIL_SHAPE.test(email)) {
    return { ok: false, error: "Enter a valid email address, like name@example.com." };
  }
  return { ok: true, value: email };
}

export function checkNewPassword(password: unknown, confirmation: unknown): Checked<string> {
  if (typeof password !== "string" || password === "") return { ok: false, error: "Choose a password." };
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return { ok: false, error: `Use at least ${PASSWORD_MIN_LENGTH} characters for your password.` };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { ok: false, error: `Use at most ${PASSWORD_MAX_LENGTH} characters for your password.` };
  }
  if (password !== confirmation) return { ok: false, error: "The two passwords do not match." };
  return { ok: true, value: password };
}

/** Sign-in only needs something to check; an over-long value is rejected before it is hashed. */
export function checkSubmittedPassword(password: unknown): Checked<string> {
  if (typeof password !== "string" || password === "") return { ok: false, error: "Enter your password." };
  if ([...password].length > PASSWORD_MAX_LENGTH) return { ok: false, error: "Incorrect email or password." };
  return { ok: true, value: password };
}
