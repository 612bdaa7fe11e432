import { expect, it } from "vitest";
import { holdBusyAnswer } from "@/lib/platform/busy-answers.mjs";

it("answers a connection at once, then holds its answers to one per Retry-After while it keeps coming back", () => {
  const schedule = new WeakMap<object, number>();
  const script = {};
  const person = {};
  expect(holdBusyAnswer(schedule, script, 10_000)).toBe(0);
  expect(holdBusyAnswer(schedule, script, 10_001)).toBe(999);
  expect(holdBusyAnswer(schedule, script, 10_002)).toBe(1998);
  expect(holdBusyAnswer(schedule, person, 10_002)).toBe(0);
  // Once the held answers have gone out and a second has passed, it is answered at once again.
  expect(holdBusyAnswer(schedule, script, 13_000)).toBe(0);
});
