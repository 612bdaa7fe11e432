import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/sign-in/validation";

type Props = {
  /** Field name and label of the password, e.g. "newPassword" / "New password". */
  name: string;
  label: string;
  confirmName: string;
  confirmLabel: string;
};

/** A new password typed twice, with the length rules the server checks again. */
export function NewPasswordFields({ name, label, confirmName, confirmLabel }: Props) {
  return (
    <>
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        aria-describedby={`${name}-hint`}
      />
      <p id={`${name}-hint`} className="hint">
        {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters. A long passphrase is best.
      </p>

      <label htmlFor={confirmName}>{confirmLabel}</label>
      <input
        id={confirmName}
        name={confirmName}
        type="password"
        autoComplete="new-password"
        required
        maxLength={PASSWORD_MAX_LENGTH}
      />
    </>
  );
}
