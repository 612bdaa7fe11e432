export function readTrustedProxyCount(value: string | undefined): number;
export function clientAddressFrom(
  forwardedFor: string | string[] | undefined,
  peerAddress: string | undefined,
  trustedProxyCount: number,
): string | null;
