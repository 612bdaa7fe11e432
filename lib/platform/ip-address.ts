import { isIP } from "node:net";

/**
 * The network an address belongs to, as a prefix: IPv4 by its first `ipv4Bits`, IPv6 by its first
 * `ipv6Bits` (both whole groups: multiples of 8 and 16). Null for anything that is not an address.
 */
export function networkPrefix(address: string | null, ipv4Bits: 8 | 16 | 24 | 32, ipv6Bits: 16 | 32 | 48 | 64) {
  if (!address) return null;
  if (isIP(address) === 4)
    return `${address
      .split(".")
      .slice(0, ipv4Bits / 8)
      .join(".")}/${ipv4Bits}`;
  if (isIP(address) !== 6) return null;
  const groups = expandIPv6(address).slice(0, ipv6Bits / 16);
  return `${groups.join(":")}::/${ipv6Bits}`;
}

/** The eight groups of an IPv6 address, "::" filled in and leading zeros dropped. */
function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const zeros = Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill("0");
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups];
  return groups.map((group) => parseInt(group, 16).toString(16));
}

/** How a limit per client names an address: IPv4 by itself, IPv6 by its /64, the block one subscriber gets. */
export function subscriberNetwork(address: string | null): string {
  return networkPrefix(address, 32, 64) ?? "unknown";
}
