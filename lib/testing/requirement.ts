import { standardOf, type Requirement } from "@/lib/compliance/registry";

/** An applicable requirement for tests, with whatever differs given in `extra`. */
export function aRequirement(id: string, extra: Partial<Requirement> = {}): Requirement {
  return { id, version: standardOf(id), level: 1, summary: "something the app does", applies: true, implementedIn: ["lib/example.ts"], mapsTo: [], ...extra };
}
