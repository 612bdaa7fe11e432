import registryFile from "@/compliance/registry.json";

export type Requirement = {
  id: string;
  /** "ASVS 5.0.0", "ASVS 4.0.3", "ASVS 3.0.1" or "Fluid Attacks"; must agree with the ID. */
  version: string;
  /** The lowest level at which it applies (1 to 3); null where the source has no levels (Fluid Attacks). */
  level: number | null;
  summary: string;
  applies: boolean;
  /** Why it does not apply; required when `applies` is false. */
  reason?: string;
  implementedIn: string[];
  mapsTo: string[];
};

export type Registry = { requirements: Requirement[] };

export const REQUIREMENT_ID = /^(v5\.0\.0|v4\.0\.3|v3\.0\.1)-\d+(\.\d+)*$|^r357$/;
// How test titles name requirements: [v5.0.0-7.2.4], [r357].
const ID_IN_TITLE = /\[((?:v\d\.\d\.\d-\d+(?:\.\d+)*)|r\d+)\]/g;

export const STANDARDS = ["ASVS 5.0.0", "ASVS 4.0.3", "ASVS 3.0.1", "Fluid Attacks"] as const;
export type Standard = (typeof STANDARDS)[number];

export function loadRegistry(): Registry {
  return registryFile as Registry;
}

export function standardOf(id: string): Standard {
  if (id.startsWith("v5.0.0-")) return "ASVS 5.0.0";
  if (id.startsWith("v4.0.3-")) return "ASVS 4.0.3";
  if (id.startsWith("v3.0.1-")) return "ASVS 3.0.1";
  return "Fluid Attacks";
}

/** "v5.0.0-7.2.4" reads as "7.2.4"; "r357" stays "r357". */
export function shortId(id: string) {
  return id.replace(/^v\d\.\d\.\d-/, "");
}

export function requirementIdsIn(title: string): string[] {
  return [...title.matchAll(ID_IN_TITLE)].map((match) => match[1]!);
}

/** A test title without its bracketed IDs: the sentence a person reads. */
export function sentenceOf(title: string): string {
  return title.replace(ID_IN_TITLE, "").trim();
}

/** Everything wrong with the registry itself; empty when it is sound. */
export function checkRegistry({ requirements }: Registry): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Requirement>();
  for (const requirement of requirements) {
    if (byId.has(requirement.id)) problems.push(`${requirement.id} is listed twice.`);
    byId.set(requirement.id, requirement);
    if (!REQUIREMENT_ID.test(requirement.id)) problems.push(`${requirement.id} is not a requirement ID we know how to read.`);
    else if (requirement.version !== standardOf(requirement.id)) problems.push(`${requirement.id} says it is from ${requirement.version}.`);
    if (!requirement.summary.trim()) problems.push(`${requirement.id} has no paraphrase.`);
    if (requirement.level !== null && ![1, 2, 3].includes(requirement.level)) problems.push(`${requirement.id} has no level 1 to 3.`);
    if (!requirement.applies && !requirement.reason?.trim()) problems.push(`${requirement.id} does not apply but gives no reason.`);
    if (requirement.applies && requirement.implementedIn.length === 0) problems.push(`${requirement.id} applies but names no implementation.`);
  }
  for (const requirement of requirements) {
    for (const target of requirement.mapsTo) {
      const other = byId.get(target);
      if (!other) problems.push(`${requirement.id} maps to ${target}, which is not in the registry.`);
      else if (!other.mapsTo.includes(requirement.id)) problems.push(`${requirement.id} maps to ${target}, but not the other way round.`);
      if (other && standardOf(target) === standardOf(requirement.id)) problems.push(`${requirement.id} maps to ${target} of its own version.`);
    }
  }
  return problems;
}
