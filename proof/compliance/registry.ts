import { createHash } from "node:crypto";
import registryFile from "@/proof/registry.json";

/** How a requirement is met. Only `test` can ever be reported as proven. */
export const EVIDENCE_KINDS = ["test", "design", "deployment", "not-applicable"] as const;
export type Evidence = (typeof EVIDENCE_KINDS)[number];

export type Requirement = {
  id: string;
  /** "ASVS 5.0.0", "ASVS 4.0.3", "ASVS 3.0.1" or "Fluid Attacks"; must agree with the ID. */
  version: string;
  /** The lowest level at which it applies (1 to 3); null where the source has no levels (Fluid Attacks). */
  level: number | null;
  summary: string;
  evidence: Evidence;
  /** For design, deployment and not-applicable: what documents it, what a deployment must do, or why it does not apply. */
  reason?: string;
  /** An applicable requirement the code does not meet yet, and why; it is reported as not met, never as proven. */
  notMet?: string;
  implementedIn: string[];
  mapsTo: string[];
};

export type Registry = { requirements: Requirement[] };

export const REQUIREMENT_ID = /^(v5\.0\.0|v4\.0\.3|v3\.0\.1)-\d+(\.\d+)*$|^r357$/;
// A tag that looks like a requirement ID: checked against the registry, so a typo cannot go unnoticed.
const REQUIREMENT_TAG = /^@(v\d\.\d\.\d-[\d.]+|r\d+)$/;

export const STANDARDS = ["ASVS 5.0.0", "ASVS 4.0.3", "ASVS 3.0.1", "Fluid Attacks"] as const;
export type Standard = (typeof STANDARDS)[number];

export function loadRegistry(): Registry {
  return registryFile as Registry;
}

/** Identifies the registry a report was built from. */
export function registryHash(registry: Registry = loadRegistry()) {
  return createHash("sha256").update(JSON.stringify(registry)).digest("hex").slice(0, 16);
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

/** The requirement IDs among a test's tags: "@v5.0.0-7.2.4" names "v5.0.0-7.2.4"; other tags are not IDs. */
export function requirementIdsInTags(tags: readonly string[]): string[] {
  return tags.filter((tag) => REQUIREMENT_TAG.test(tag)).map((tag) => tag.slice(1));
}

export const tagFor = (id: string) => `@${id}`;

/** Everything wrong with the registry itself; empty when it is sound. */
export function checkRegistry({ requirements }: Registry): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Requirement>();
  for (const requirement of requirements) {
    const { id } = requirement;
    if (byId.has(id)) problems.push(`${id} is listed twice.`);
    byId.set(id, requirement);
    if (!REQUIREMENT_ID.test(id)) problems.push(`${id} is not a requirement ID we know how to read.`);
    else if (requirement.version !== standardOf(id)) problems.push(`${id} says it is from ${requirement.version}.`);
    if (!requirement.summary?.trim()) problems.push(`${id} has no paraphrase.`);
    if (requirement.level !== null && ![1, 2, 3].includes(requirement.level))
      problems.push(`${id} has no level 1 to 3.`);
    if (!EVIDENCE_KINDS.includes(requirement.evidence))
      problems.push(`${id} has no evidence kind (${EVIDENCE_KINDS.join(", ")}).`);
    else if (requirement.evidence !== "test" && !requirement.reason?.trim())
      problems.push(`${id} is ${requirement.evidence} but gives no reason.`);
    if (requirement.evidence !== "not-applicable" && requirement.implementedIn.length === 0) {
      problems.push(`${id} applies but names no implementation.`);
    }
    if (requirement.notMet !== undefined && (requirement.evidence !== "test" || !requirement.notMet.trim())) {
      problems.push(`${id} is marked not met, which needs test evidence and a reason.`);
    }
  }
  for (const requirement of requirements) {
    for (const target of requirement.mapsTo) {
      const other = byId.get(target);
      if (!other) problems.push(`${requirement.id} maps to ${target}, which is not in the registry.`);
      else if (!other.mapsTo.includes(requirement.id))
        problems.push(`${requirement.id} maps to ${target}, but not the other way round.`);
      if (other && standardOf(target) === standardOf(requirement.id))
        problems.push(`${requirement.id} maps to ${target} of its own version.`);
    }
  }
  return problems;
}

/**
 * The requirements a page of the demo shows as badges: those implemented in the route's own folder
 * (`/account/sessions` is `app/account/sessions/`), so no page types IDs of its own.
 */
const ROUTE_FILES = ["page.tsx", "actions.ts", "route.ts"];

export function requirementsForRoute(route: string, registry: Registry = loadRegistry()): string[] {
  const folder = route === "/" ? "app/" : `app${route}/`;
  // The route's own folder or one of its own files; app-wide files such as app/error.tsx are no page's.
  const inFolder = (path: string) => path === folder || ROUTE_FILES.some((file) => path === `${folder}${file}`);
  return registry.requirements
    .filter((requirement) => requirement.evidence === "test" && requirement.implementedIn.some(inFolder))
    .map((requirement) => requirement.id);
}
