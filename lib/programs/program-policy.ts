// The programs wing's policy, kept as data: the code, the docs (npm run docs:policy) and the tests read it.

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

/**
 * Programs linked to an account (docs/decisions/013-signed-access-tokens-for-programs.md): fixed, not
 * configurable, because each value is part of a security argument rather than a matter of taste.
 */
export const PROGRAM_TOKEN_POLICY = {
  // An access token cannot be revoked on its own, so it lives briefly; every call also checks its link.
  accessTokenSeconds: 5 * MINUTE,
  // Clock difference forgiven between the issuer and the verifier, for exp, nbf and iat alike.
  clockLeewaySeconds: 10,
  // A link whose program stays away this long is ended: each refresh token expires this long after issue.
  refreshTokenSeconds: 30 * DAY,
  // A compact EdDSA token with our claims is about 400 characters; anything far beyond is not ours.
  maxAccessTokenLength: 2048,
  // Linking the device way: the code the program shows is good this long, and it asks this often.
  deviceCodeSeconds: 10 * MINUTE,
  devicePollIntervalSeconds: 5,
  // Device requests one client address may start within a code's lifetime: so many can wait for it at once.
  deviceStartsPerAddress: 10,
  // Requests waiting for an answer from every address together; beyond it new ones are turned away until some
  // expire, so the table and the user-code space stay bounded whatever the number of addresses.
  pendingDeviceRequestsLimit: 10_000,
  // Codes typed on the approval page that match no waiting program, per account and per client address, in a
  // code's lifetime: a person mistypes a few, a guesser needs billions (20^8 codes).
  wrongUserCodesPerAccount: 10,
  wrongUserCodesPerAddress: 20,
} as const;
