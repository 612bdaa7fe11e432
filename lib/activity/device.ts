import Bowser from "bowser";
import { networkPrefix } from "@/lib/platform/ip-address";

/** "Chrome 156 on Windows 10 (desktop)": enough for a person to recognise their own device. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const { browser, os, platform } = Bowser.parse(userAgent);
  const browserName = [browser.name, browser.version?.split(".")[0]].filter(Boolean).join(" ") || "Unknown browser";
  const system = [os.name, os.versionName ?? os.version].filter(Boolean).join(" ") || "an unknown system";
  return `${browserName} on ${system}${platform.type ? ` (${platform.type})` : ""}`;
}

/** "Chrome on Linux (desktop)": the kind of device, unchanged by a browser or system update. */
export function describeDeviceKind(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const { browser, os, platform } = Bowser.parse(userAgent);
  return `${browser.name ?? "Unknown browser"} on ${os.name ?? "an unknown system"} (${platform.type ?? "unknown"})`;
}

type ClientSeen = { ipAddress: string | null; userAgent: string | null };

/**
 * How a session's last use differs from its sign-in: another device (browser or system), or another network,
 * counted broadly (IPv4 by its first 8 bits, IPv6 by its first 32, about the block a region or a large
 * provider holds), so that an ordinary change of address at home is not flagged.
 */
export function compareLastUse(signIn: ClientSeen, lastUse: ClientSeen) {
  const network = (address: string | null) => networkPrefix(address, 8, 32);
  return {
    otherDevice: describeDevice(signIn.userAgent) !== describeDevice(lastUse.userAgent),
    otherNetwork: network(signIn.ipAddress) !== network(lastUse.ipAddress),
  };
}
