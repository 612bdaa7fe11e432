import { standardOf, type Requirement } from "./registry";

/** A requirement met by tests, for the proof's own unit tests, with whatever differs given in `extra`. */
export function aRequirement(id: string, extra: Partial<Requirement> = {}): Requirement {
  return {
    id,
    version: standardOf(id),
    level: 1,
    summary: "something the app does",
    evidence: "test",
    implementedIn: ["lib/example.ts"],
    mapsTo: [],
    ...extra,
  };
}
