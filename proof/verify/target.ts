import { createHash, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import tls from "node:tls";

// The deployment under test, as `npm run verify` describes it to the checks: its URL, and, for a hostname no DNS
// knows (a test deployment), the address it lives at and the certificate authority that signed it.

export type Target = {
  url: string;
  /** Connect here whatever DNS says, as curl's --resolve does. */
  address?: string;
  /** PEM file of a certificate authority to trust besides the system's. */
  caFile?: string;
  /** How long a check may wait for the deployment's own timeouts to pass; none are waited for without it. */
  maxWaitSeconds?: number;
};

function connectionOptions(target: Target) {
  const lookup: LookupFunction | undefined = target.address
    ? (_hostname, options, callback) => {
        const family = target.address!.includes(":") ? 6 : 4;
        if (options.all)
          (callback as (e: null, all: { address: string; family: number }[]) => void)(null, [
            { address: target.address!, family },
          ]);
        else callback(null, target.address!, family);
      }
    : undefined;
  return { lookup, ca: target.caFile ? [...tls.rootCertificates, readFileSync(target.caFile, "utf8")] : undefined };
}

export type Exchange = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Every Set-Cookie line as sent. */
  setCookies: string[];
  text: string;
};

type SendOptions = { method?: string; headers?: Record<string, string>; body?: string | Buffer };

type ExchangeObserver = (method: string, path: string, headers: Record<string, string>, answer: Exchange) => void;
let observer: ExchangeObserver | null = null;

/** Hands every exchange that `send` completes to `next` (the check's evidence), until replaced or cleared. */
export function observeExchanges(next: ExchangeObserver | null) {
  observer = next;
}

/** One request to the target as a program (not a browser) sends it; redirects are not followed. */
export function send(target: Target, pathOrUrl: string, { method = "GET", headers = {}, body }: SendOptions = {}) {
  const url = new URL(pathOrUrl, target.url);
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Exchange>((resolve, reject) => {
    const request = client.request(url, { method, headers, agent: false, ...connectionOptions(target) }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const answer = {
          status: response.statusCode ?? 0,
          headers: response.headers,
          setCookies: response.headers["set-cookie"] ?? [],
          text: Buffer.concat(chunks).toString(),
        };
        observer?.(method, `${url.pathname}${url.search}`, headers, answer);
        resolve(answer);
      });
      response.on("error", reject);
    });
    request.setTimeout(30_000, () => request.destroy(new Error(`${method} ${url.pathname}: no answer in 30 s`)));
    request.on("error", reject);
    request.end(body);
  });
}

export type TlsFacts = {
  protocol: string | null;
  /** Whether the certificate chains to a trusted authority and names the host. */
  trusted: boolean;
  problem: string | null;
  subject: string;
  subjectAltName: string | null;
  issuer: string;
  validTo: string;
  /** base64 SHA-256 of the certificate's public key: what Chromium's SPKI allow-list takes. */
  spkiSha256: string;
};

/** What the target's TLS handshake shows; null for plain HTTP. */
export function readTlsFacts(target: Target): Promise<TlsFacts | null> {
  const url = new URL(target.url);
  if (url.protocol !== "https:") return Promise.resolve(null);
  const { lookup, ca } = connectionOptions(target);
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      {
        host: url.hostname,
        port: Number(url.port || 443),
        servername: url.hostname,
        ca,
        lookup,
        rejectUnauthorized: false,
      },
      () => {
        const certificate = new X509Certificate(socket.getPeerX509Certificate()!.raw);
        const spki = certificate.publicKey.export({ type: "spki", format: "der" });
        resolve({
          protocol: socket.getProtocol(),
          trusted: socket.authorized,
          problem: socket.authorizationError ? String(socket.authorizationError) : null,
          subject: certificate.subject.replace(/\n/g, ", "),
          subjectAltName: certificate.subjectAltName ?? null,
          issuer: certificate.issuer.replace(/\n/g, ", "),
          validTo: new Date(certificate.validTo).toISOString(),
          spkiSha256: createHash("sha256").update(spki).digest("base64"),
        });
        socket.end();
      },
    );
    socket.setTimeout(15_000, () => socket.destroy(new Error("no TLS handshake in 15 s")));
    socket.on("error", reject);
  });
}
