import { readFileSync, readdirSync } from "node:fs";

// docs/decisions/README.md: the decision records with their status, generated from the records themselves
// (npm run docs:decisions), so a superseded decision says so in the index as soon as it says so in its file.

export const DECISIONS_FOLDER = "docs/decisions";
const RECORD = /^\d{3}-[\w-]+\.md$/;

type Decision = { file: string; title: string; status: string; date: string };

export function readDecisions(folder = DECISIONS_FOLDER): Decision[] {
  return readdirSync(folder)
    .filter((file) => RECORD.test(file))
    .sort()
    .map((file) => {
      const text = readFileSync(`${folder}/${file}`, "utf8");
      const title = /^# (.+)$/m.exec(text)?.[1];
      const header = /\*\*Status:\*\* ([\s\S]+?)\s+·\s+\*\*Date:\*\* (\d{4}-\d{2}-\d{2})/.exec(text);
      if (!title || !header) throw new Error(`${folder}/${file} needs a "# NNN: title" and a Status and Date line.`);
      return { file, title, status: header[1]!.replace(/\s+/g, " "), date: header[2]! };
    });
}

export function renderDecisionsIndex(decisions = readDecisions()): string {
  const rows = decisions.map(({ file, title, status, date }) => {
    const [number, ...words] = title.split(": ");
    return `| [${number}](${file}) | ${words.join(": ")} | ${status} | ${date} |`;
  });
  return `# Decision records

<!-- Generated from the records by \`npm run docs:decisions\`; do not edit. -->

One file per decision, numbered in the order they were made. A later decision that changes an earlier one says
so in both files' status.

| No. | Decision | Status | Date |
| --- | --- | --- | --- |
${rows.join("\n")}
`;
}
