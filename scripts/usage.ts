import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

// Declare a command with `satisfies CommandDescription`, so that its options keep their types.
export type CommandDescription<CommandOptions extends Options = Options> = {
  /** One line per way to call the command, e.g. "npm run admin -- grant EMAIL". */
  usage: string | string[];
  /** What the command does, in a sentence or two. */
  about: string;
  options?: CommandOptions;
  /** How many words may follow the command; none unless given. */
  positionals?: { min: number; max: number };
};

export function formatUsage(command: CommandDescription): string {
  const lines = Array.isArray(command.usage) ? command.usage : [command.usage];
  return [...lines.map((line, index) => `${index === 0 ? "usage:" : "      "} ${line}`), "", command.about].join("\n");
}

/** Exits with the usage: status 0 when asked for it, 2 with the reason when the command was called wrongly. */
export function exitWithUsage(command: CommandDescription, problem?: string): never {
  if (problem) {
    console.error(`${problem}\n\n${formatUsage(command)}`);
    process.exit(2);
  }
  console.log(formatUsage(command));
  process.exit(0);
}

/** Reads the command line strictly; `--help` or `-h` prints the usage, anything unexpected exits 2. */
export function parseCommandLine<CommandOptions extends Options>(
  argv: string[],
  command: CommandDescription<CommandOptions>,
) {
  if (argv.includes("--help") || argv.includes("-h")) exitWithUsage(command);
  const { min, max } = command.positionals ?? { min: 0, max: 0 };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: command.options ?? ({} as CommandOptions),
      allowPositionals: max > 0,
      strict: true,
    });
  } catch (error) {
    exitWithUsage(command, error instanceof Error ? error.message : String(error));
  }
  if (parsed.positionals.length < min) exitWithUsage(command, "Missing an argument.");
  if (parsed.positionals.length > max) exitWithUsage(command, `Unexpected argument "${parsed.positionals[max]}".`);
  return parsed;
}

/**
 * What to tell the person at the terminal when a command fails: the error's last line (Prisma's messages start
 * with the code that made the call), and for a database error a hint at the likely cause.
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lastLine = error.message.trim().split("\n").at(-1)!.trim();
  if (!error.name.startsWith("PrismaClient")) return lastLine;
  return `${lastLine}\nIs DATABASE_URL right, and has \`npm run db:migrate\` been run on that database?`;
}
