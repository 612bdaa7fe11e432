// The load options the benchmarks share.
import { exitWithUsage, type CommandDescription } from "@/scripts/usage";

type LoadOptionValues = { seconds: string; rounds: string; connections: string };

/** --seconds, --rounds and --connections as numbers; anything but a whole number above 0 prints the usage. */
export function readLoadOptions(values: LoadOptionValues, command: CommandDescription) {
  const [seconds, rounds, connections] = [values.seconds, values.rounds, values.connections].map(Number) as [
    number,
    number,
    number,
  ];
  if (![seconds, rounds, connections].every((value) => Number.isSafeInteger(value) && value > 0))
    exitWithUsage(command, "--seconds, --rounds and --connections must be whole numbers above 0.");
  return { seconds, rounds, connections };
}
