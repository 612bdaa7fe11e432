// `npm run api-client -- link|call|refresh|unlink`: a worked example of a program that uses the API the
// way docs/decisions/013-signed-access-tokens-for-programs.md describes, through a standard OAuth client
// (oauth4webapi) that knows only the server's address and finds the rest in its metadata. It never prints a token.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import * as oauth from "oauth4webapi";
import { exitWithUsage, parseCommandLine, type CommandDescription } from "@/scripts/usage";

const COMMAND = {
  usage: [
    "npm run api-client -- link      ask for the refresh token shown on /account/apps, check it, keep it",
    "npm run api-client -- link --device [--name NAME]   show a code to approve on /account/apps/approve instead",
    "npm run api-client -- call      call GET /api/v1/me with an access token (renewed when it is due)",
    "npm run api-client -- refresh   trade the refresh token for a new one and a new access token",
    "npm run api-client -- unlink    end this program's link (DELETE /api/v1/link) and forget the tokens",
  ],
  about:
    "Talks to --server (default $SESSIONPROOF_URL or http://localhost:3000) and keeps its tokens in --credentials " +
    "(default .data/api-client.json, readable only by you). `link` reads the refresh token from standard input.",
  options: {
    server: { type: "string" },
    credentials: { type: "string" },
    device: { type: "boolean" },
    name: { type: "string" },
  },
  positionals: { min: 1, max: 1 },
} satisfies CommandDescription;

type Credentials = { server: string; refreshToken: string; accessToken?: string; accessTokenExpiresAt?: number };

const { values, positionals } = parseCommandLine(process.argv.slice(2), COMMAND);
const command = positionals[0]!;
if (!["link", "call", "refresh", "unlink"].includes(command)) exitWithUsage(COMMAND, `Unknown command "${command}".`);
if ((values.device || values.name) && command !== "link") exitWithUsage(COMMAND, "--device and --name go with link.");
if (values.name && !values.device) exitWithUsage(COMMAND, "--name names the program in the device flow: add --device.");
const credentialsFile = path.resolve(values.credentials ?? ".data/api-client.json");
const server = (values.server ?? process.env.SESSIONPROOF_URL ?? "http://localhost:3000").replace(/\/+$/, "");
// Renew a little before the access token runs out, so a call never races its expiry.
const RENEW_BEFORE_EXPIRY_MS = 30_000;
// A public client: the server asks for no secret, and the client_id only labels its tokens.
const CLIENT: oauth.Client = { client_id: "sessionproof-api-client" };
const NO_CLIENT_SECRET = oauth.None();

class ClientError extends Error {}

async function main() {
  if (command === "link") return link();
  const saved = readCredentials();
  if (command === "refresh") {
    const renewed = await refresh(saved);
    console.log(
      `Refreshed. The new access token is good until ${new Date(renewed.accessTokenExpiresAt!).toISOString()}.`,
    );
  } else if (command === "call") {
    console.log(JSON.stringify(await callApi(saved, "GET", "/api/v1/me"), null, 2));
  } else {
    await callApi(saved, "DELETE", "/api/v1/link");
    rmSync(credentialsFile);
    console.log("Unlinked: the server has ended this program's link, and its tokens are forgotten here.");
  }
}

async function link() {
  const saved = values.device ? await linkWithDeviceCode(values.name ?? "API client") : await linkWithPastedToken();
  const me = (await callApi(saved, "GET", "/api/v1/me")) as { user: { email: string }; link: { name: string } };
  console.log(`Linked as ${me.user.email} ("${me.link.name}"). Tokens kept in ${credentialsFile}.`);
}

async function linkWithPastedToken() {
  const refreshToken = await readRefreshTokenFromInput();
  // Trading it at once means the copy shown in the browser is spent and useless to anyone who saw it.
  return refresh({ server, refreshToken });
}

/** Plain http only for a server on this machine (the demo); anywhere else the client insists on https. */
function options(serverUrl: string) {
  const { protocol, hostname } = new URL(serverUrl);
  const local = protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
  return { [oauth.allowInsecureRequests]: local };
}

/** RFC 8414: the server's endpoints, from its address alone. */
async function discover(serverUrl: string): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(serverUrl);
  return reach(serverUrl, async () =>
    oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: "oauth2", ...options(serverUrl) }),
    ),
  );
}

/** RFC 8628: show the user a code, then ask every few seconds whether they approved it. */
async function linkWithDeviceCode(name: string): Promise<Credentials> {
  const as = await discover(server);
  const device = await oauth
    .processDeviceAuthorizationResponse(
      as,
      CLIENT,
      await oauth.deviceAuthorizationRequest(as, CLIENT, NO_CLIENT_SECRET, { name }, options(server)),
    )
    .catch((error: unknown) => refusal("The server would not start linking", error));
  console.log(
    `Open ${device.verification_uri} and enter the code ${device.user_code} (it lasts ${device.expires_in / 60} minutes).`,
  );
  let interval = device.interval ?? 5;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, interval * 1000));
    const response = await oauth.deviceCodeGrantRequest(
      as,
      CLIENT,
      NO_CLIENT_SECRET,
      device.device_code,
      options(server),
    );
    try {
      return saveTokens(server, await oauth.processDeviceCodeResponse(as, CLIENT, response));
    } catch (error) {
      if (!(error instanceof oauth.ResponseBodyError)) throw error;
      if (error.error === "slow_down") interval += 5;
      else if (error.error !== "authorization_pending") refusal("Linking stopped", error);
    }
  }
}

async function refresh(saved: Credentials): Promise<Credentials> {
  const as = await discover(saved.server);
  const response = await oauth.refreshTokenGrantRequest(
    as,
    CLIENT,
    NO_CLIENT_SECRET,
    saved.refreshToken,
    options(saved.server),
  );
  const tokens = await oauth
    .processRefreshTokenResponse(as, CLIENT, response)
    .catch((error: unknown) => refusal("The server refused the refresh token", error));
  return saveTokens(saved.server, tokens);
}

function saveTokens(serverUrl: string, tokens: oauth.TokenEndpointResponse): Credentials {
  const saved: Credentials = {
    server: serverUrl,
    refreshToken: String(tokens.refresh_token),
    accessToken: tokens.access_token,
    accessTokenExpiresAt: Date.now() + Number(tokens.expires_in) * 1000,
  };
  writeCredentials(saved);
  return saved;
}

async function callApi(saved: Credentials, method: string, apiPath: string): Promise<unknown> {
  const due = !saved.accessToken || (saved.accessTokenExpiresAt ?? 0) - Date.now() < RENEW_BEFORE_EXPIRY_MS;
  const current = due ? await refresh(saved) : saved;
  const url = new URL(apiPath, current.server);
  const response = await reach(current.server, () =>
    oauth.protectedResourceRequest(current.accessToken!, method, url, undefined, undefined, options(current.server)),
  ).catch((error: unknown) => {
    if (error instanceof oauth.WWWAuthenticateChallengeError) {
      throw new ClientError("The server refused the access token: the link has probably ended. Link again.");
    }
    throw error;
  });
  if (!response.ok) throw new ClientError(`${method} ${apiPath} failed with status ${response.status}.`);
  return response.status === 204 ? null : response.json();
}

/** What the server said when it refused (RFC 6749's error and description), as the client's own error. */
function refusal(what: string, error: unknown): never {
  if (error instanceof oauth.ResponseBodyError) {
    const said = (error.error_description ?? error.error).replace(/\.$/, "");
    const advice = error.error === "invalid_grant" && !/link again/i.test(said) ? " Link again." : "";
    throw new ClientError(`${what}: ${said}.${advice}`);
  }
  throw error;
}

async function reach<T>(serverUrl: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof TypeError && /fetch failed/.test(error.message)) {
      throw new ClientError(`Cannot reach ${new URL(serverUrl).origin}. Is the server running (npm run demo)?`);
    }
    throw error;
  }
}

async function readRefreshTokenFromInput(): Promise<string> {
  const input = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  const answer = await input.question(`Paste the refresh token shown on ${server}/account/apps: `);
  input.close();
  const token = answer.trim();
  if (!token) throw new ClientError("No refresh token was given.");
  return token;
}

function readCredentials(): Credentials {
  if (!existsSync(credentialsFile)) {
    throw new ClientError(`No tokens in ${credentialsFile}. Run \`npm run api-client -- link\` first.`);
  }
  try {
    return JSON.parse(readFileSync(credentialsFile, "utf8")) as Credentials;
  } catch {
    throw new ClientError(`${credentialsFile} is not a credentials file. Remove it and link again.`);
  }
}

function writeCredentials(saved: Credentials) {
  mkdirSync(path.dirname(credentialsFile), { recursive: true });
  writeFileSync(credentialsFile, JSON.stringify(saved), { mode: 0o600 });
  chmodSync(credentialsFile, 0o600);
}

try {
  await main();
} catch (error) {
  if (!(error instanceof ClientError)) throw error;
  console.error(error.message);
  process.exit(1);
}
