export declare const REFUSAL_POLICY: string;
export declare const READ_ONLY_JSON_ROUTES: string[];
export declare const FIXED_HEADERS: { key: string; value: string }[];
export declare function strictTransportSecurityFor(
  publicOrigin: string | undefined,
  hstsMaxAgeSeconds: string | undefined,
): string | null;
export declare function refusalHeaders(env?: Record<string, string | undefined>): Record<string, string>;
