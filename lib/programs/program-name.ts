// The rule for a program's name, shared by the linking form and the server that re-checks it.

export const PROGRAM_NAME_MAX_LENGTH = 60;

/** A program's name is the owner's label for it ("CLI on my laptop"): short, one line, shown as text. */
export function checkProgramName(input: unknown): { ok: true; value: string } | { ok: false; error: string } {
  const name = typeof input === "string" ? input.trim() : "";
  if (name === "") return { ok: false, error: "Name the program, for example “CLI on my laptop”." };
  if ([...name].length > PROGRAM_NAME_MAX_LENGTH || /\p{Cc}/u.test(name)) {
    return { ok: false, error: `Use one line of at most ${PROGRAM_NAME_MAX_LENGTH} characters for the name.` };
  }
  return { ok: true, value: name };
}
