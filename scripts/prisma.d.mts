export function runPrisma(
  args: string[],
  options?: { quiet?: boolean; env?: Record<string, string | undefined> },
): string;
