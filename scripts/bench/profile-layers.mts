// Where a request's CPU goes: a V8 CPU profile of a server (node --cpu-prof), cut to the time a load ran, each
// sample given to the layer its code belongs to. Bundled code is traced back to its source through the build's
// source maps. Node's own internals count for whoever called them, except the HTTP server and socket writes.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SourceMapConsumer } from "source-map-js";

export const LAYERS = [
  "Node's HTTP server and sockets",
  "server.mjs",
  "proxy.ts, with Next.js's code that runs it",
  "Next.js: routing, request and response objects",
  "React rendering",
  "Route handler or page",
  "Session check (cookie, token, database read)",
  "Prisma",
  "Garbage collection",
  "Other",
] as const;
export type Layer = (typeof LAYERS)[number];

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

const NODE_HTTP = /^node:(_http_|net$|internal\/(streams|stream_base_commons|http))/;
const NATIVE_WRITES = new Set(["(writev)", "(writeUtf8String)", "(writeBuffer)", "(writeLatin1String)"]);

/**
 * Milliseconds of CPU per request in each layer, for the samples taken between `from` and `to` (µs, hrtime);
 * `build` is the server's .next folder.
 */
export function profileLayers(file: string, build: string, window: { from: number; to: number }, requests: number) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const layerOf = new Map<number, Layer | null>();
  const sources = new SourceLookup();
  const proxyChunks = readProxyChunks(build);
  const ownLayer = (node: ProfileNode): Layer | null => {
    if (!layerOf.has(node.id)) layerOf.set(node.id, classify(node.callFrame, sources, proxyChunks));
    return layerOf.get(node.id)!;
  };
  const totals = new Map<Layer, number>(LAYERS.map((layer) => [layer, 0]));
  let time = profile.startTime;
  for (const [index, sample] of profile.samples.entries()) {
    const interval = profile.timeDeltas[index + 1] ?? 0;
    time += profile.timeDeltas[index]!;
    if (time < window.from || time > window.to) continue;
    const node = nodes.get(sample)!;
    if (node.callFrame.functionName === "(idle)") continue;
    // Node's internals (promises, web streams, crypto) count for the nearest caller of ours or of Next.js.
    let layer = ownLayer(node);
    for (let id = parents.get(node.id); layer === null && id !== undefined; id = parents.get(id)) {
      layer = ownLayer(nodes.get(id)!);
    }
    totals.set(layer ?? "Other", totals.get(layer ?? "Other")! + interval / 1000);
  }
  return Object.fromEntries([...totals].map(([layer, ms]) => [layer, ms / requests])) as Record<Layer, number>;
}

/** The layer a frame's own code belongs to, or null for Node's internals that count for their caller. */
function classify(
  { functionName, url, lineNumber, columnNumber }: CallFrame,
  sources: SourceLookup,
  proxyChunks: Set<string>,
): Layer | null {
  if (functionName === "(garbage collector)") return "Garbage collection";
  if (NATIVE_WRITES.has(functionName) || NODE_HTTP.test(url) || functionName === "parserOnHeadersComplete")
    return "Node's HTTP server and sockets";
  if (url.startsWith("node:") || url === "") return null;
  const file = url.startsWith("file://") ? fileURLToPath(url) : url;
  if (proxyChunks.has(file)) return "proxy.ts, with Next.js's code that runs it";
  const source = file.includes(`${path.sep}.next${path.sep}`) ? sources.find(file, lineNumber, columnNumber) : file;
  return layerOfSource(source ?? file);
}

function layerOfSource(source: string): Layer {
  if (/(^|\/)server\.mjs$/.test(source) || /lib\/platform\/[\w-]+\.mjs$/.test(source)) return "server.mjs";
  if (
    /node_modules\/(react-dom|react-server-dom|react)\/|next\/dist\/compiled\/(react|next-server\/app-page)/.test(
      source,
    )
  )
    return "React rendering";
  if (/node_modules\/next\//.test(source)) return "Next.js: routing, request and response objects";
  if (/(^|\/)app\//.test(source)) return "Route handler or page";
  if (
    /lib\/(session|dal)\/|lib\/platform\/(db|prepared-reads|database-client)\.ts|iron-|uncrypto|better-sqlite3/.test(
      source,
    )
  )
    return "Session check (cookie, token, database read)";
  if (/prisma/.test(source)) return "Prisma";
  return "Other";
}

/**
 * The files of the proxy's bundle: proxy.ts with what it imports and the part of Next.js that wraps it (its request
 * and response objects, the adapter), listed by .next/server/middleware.js.
 */
function readProxyChunks(build: string): Set<string> {
  const entry = path.join(build, "server", "middleware.js");
  if (!existsSync(entry)) return new Set();
  const chunks = [...readFileSync(entry, "utf8").matchAll(/R\.c\("([^"]+)"\)/g)].map((match) => match[1]!);
  return new Set(chunks.map((chunk) => path.join(build, chunk)));
}

/** The original source of a position in a bundled file, from the source map beside it. */
class SourceLookup {
  private consumers = new Map<string, SourceMapConsumer | null>();

  find(file: string, line: number, column: number): string | null {
    if (!this.consumers.has(file)) {
      const map = `${file}.map`;
      this.consumers.set(file, existsSync(map) ? new SourceMapConsumer(JSON.parse(readFileSync(map, "utf8"))) : null);
    }
    // Profiles count lines from 0, source maps from 1.
    return this.consumers.get(file)?.originalPositionFor({ line: line + 1, column }).source ?? null;
  }
}

/** Now on the clock CPU profiles use (µs of the monotonic clock, which every process on the machine shares). */
export function profileClock() {
  return Number(process.hrtime.bigint() / 1000n);
}
