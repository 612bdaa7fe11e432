import { describe, expect, it } from "vitest";
import { describeWait, isWaitMessage } from "@/lib/sign-in/throttle-message";

describe("describeWait", () => {
  it("counts seconds under a minute and whole minutes, rounded up, beyond", () => {
    expect(describeWait(1)).toBe("Too many attempts. Wait 1 second, then try again.");
    expect(describeWait(2)).toBe("Too many attempts. Wait 2 seconds, then try again.");
    expect(describeWait(61)).toBe("Too many attempts. Wait 2 minutes, then try again.");
    expect(describeWait(900)).toBe("Too many attempts. Wait 15 minutes, then try again.");
  });

  it("is recognised when it comes back as an error's message, and nothing else is", () => {
    expect(isWaitMessage(describeWait(64))).toBe(true);
    expect(isWaitMessage("An unexpected response was received from the server.")).toBe(false);
  });
});
