// Where a request came from, worked out by server.mjs before Next.js sees the request. Plain JavaScript
// because the production server runs it without a TypeScript step; its types are in client-address.d.mts.
import { isIP } from "node:net";

/** The most proxies anyone puts in front of one app; a larger number is a typo, not a topology. */
const MOST_TRUSTED_PROXIES = 10;

/**
 * Reads TRUSTED_PROXY_COUNT: how many reverse proxies in front of the app append to X-Forwarded-For.
 * Unset means none, so a client cannot choose the address the app sees.
 */
export function readTrustedProxyCount(value) {
  if (value === undefined || value === "") return 0;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0 || count > MOST_TRUSTED_PROXIES || !/^\d+$/.test(value)) {
    throw new Error(`TRUSTED_PROXY_COUNT must be a whole number from 0 to ${MOST_TRUSTED_PROXIES}.`);
  }
  return count;
}

/**
 * The client's address: the connection's peer when no proxy is trusted; otherwise the entry each trusted
 * proxy vouches for, counted from the right of X-Forwarded-For, since every proxy appends what it saw and
 * everything to the left of that can be written by the client. An entry that is not an address is skipped
 * towards the trusted side, never towards the client's.
 */
export function clientAddressFrom(forwardedFor, peerAddress, trustedProxyCount) {
  const forwarded = trustedProxyCount === 0 ? [] : splitForwardedFor(forwardedFor);
  const chain = [...forwarded, peerAddress ?? ""];
  const start = Math.max(0, chain.length - 1 - trustedProxyCount);
  for (const entry of chain.slice(start)) {
    const address = normalizeAddress(entry);
    if (address) return address;
  }
  return null;
}

function splitForwardedFor(header) {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function normalizeAddress(entry) {
  // An IPv4 peer on a dual-stack socket reads as ::ffff:a.b.c.d; people know it as a.b.c.d.
  const address = entry.startsWith("::ffff:") && isIP(entry.slice(7)) === 4 ? entry.slice(7) : entry;
  return isIP(address) ? address : null;
}
