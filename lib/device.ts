import Bowser from "bowser";

/** "Chrome 156 on Windows 10 (desktop)": enough for a person to recognise their own device. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const { browser, os, platform } = Bowser.parse(userAgent);
  const browserName = [browser.name, browser.version?.split(".")[0]].filter(Boolean).join(" ") || "Unknown browser";
  const system = [os.name, os.versionName ?? os.version].filter(Boolean).join(" ") || "an unknown system";
  return `${browserName} on ${system}${platform.type ? ` (${platform.type})` : ""}`;
}
