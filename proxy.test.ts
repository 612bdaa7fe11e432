import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { READ_ONLY_JSON_ROUTES } from "@/lib/platform/response-headers.mjs";
import { config } from "@/proxy";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);
// `export async function POST`, `export const POST = …`, `export const { GET, POST } = …` and `export { POST }`.
const EXPORT = /^export\s+(?:(?:async\s+)?function\s+(\w+)|(?:const|let)\s+(?:\{([^}]*)\}|(\w+))|\{([^}]*)\})/gm;

/** The HTTP methods a route module exports, by the names it exports. */
function exportedMethods(source: string) {
  const names = [...source.matchAll(EXPORT)].flatMap(([, fn, destructured, constant, list]) =>
    [fn, constant, ...(destructured ?? list ?? "").split(",")].map((name) => name?.trim().split(/\s|:/).at(-1)),
  );
  return names.filter((name): name is string => name !== undefined && METHODS.has(name));
}

/** Every page and route handler under app/, by the path it answers, with the methods a route handler exports. */
function listAppRoutes() {
  return readdirSync("app", { recursive: true, encoding: "utf8" })
    .filter((file) => /(^|\/)(page\.tsx|route\.ts)$/.test(file))
    .map((file) => {
      const segments = path
        .dirname(file)
        .split("/")
        .filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment))
        .map((segment) => (segment.startsWith("[") ? "example" : segment));
      const methods = exportedMethods(readFileSync(path.join("app", file), "utf8"));
      return { path: `/${segments.join("/")}`, page: file.endsWith("page.tsx"), methods };
    });
}

// The regular expressions Next.js itself builds from the matcher, with the function its build uses (not in its types).
const { getMiddlewareMatchers } = createRequire(import.meta.url)("next/dist/build/analysis/get-page-static-info") as {
  getMiddlewareMatchers: (matcher: string[], nextConfig: object) => { regexp: string }[];
};
const matchers = getMiddlewareMatchers(config.matcher, {}).map(({ regexp }) => new RegExp(regexp));
const proxyRunsFor = (pathname: string) => matchers.some((matcher) => matcher.test(pathname));
const routes = listAppRoutes();

describe("the requests proxy.ts sees", () => {
  test("Every page runs through the proxy, which gives it a nonce for its scripts, and so does a page not found.", () => {
    const pages = routes.filter((route) => route.page).map((route) => route.path);
    expect(pages.length).toBeGreaterThan(5);
    for (const page of [...pages, "/no-such-page"]) expect(proxyRunsFor(page), page).toBe(true);
  });

  test("Every route handler that takes a method able to change something runs through the proxy's origin check.", () => {
    const changing = routes.filter((route) => route.methods.some((method) => !SAFE_METHODS.has(method)));
    expect(changing.length).toBeGreaterThan(3);
    for (const route of changing) expect(proxyRunsFor(route.path), route.path).toBe(true);
  });

  test("The routes the proxy leaves out are exactly the read-only JSON routes, and each only reads.", () => {
    const skipped = routes.filter((route) => !proxyRunsFor(route.path));
    expect(skipped.map((route) => route.path).sort()).toEqual([...READ_ONLY_JSON_ROUTES].sort());
    for (const route of skipped) {
      expect(route.page, route.path).toBe(false);
      expect(route.methods.length, route.path).toBeGreaterThan(0);
      for (const method of route.methods) expect(SAFE_METHODS.has(method), `${method} ${route.path}`).toBe(true);
    }
  });

  test("Only the exact paths are left out: a path below or beside a read-only route runs through the proxy.", () => {
    for (const route of READ_ONLY_JSON_ROUTES) {
      expect(proxyRunsFor(`${route}/more`), route).toBe(true);
      expect(proxyRunsFor(`${route}x`), route).toBe(true);
    }
  });
});
