// The deployments `npm run verify:tls` builds from proof/verify/nginx.conf: the sound one, and ones broken on
// purpose at the deployment level, each with the requirements whose checks must then fail and the checks that
// show it (a --grep for the run, to keep it short).

export type Deployment = {
  about: string;
  /** The tested configuration, changed as this deployment gets it wrong. */
  configure: (soundConfig: string) => string;
  /** Requirement IDs the report must name as failing; none for the sound deployment. */
  breaks: string[];
  /** Which checks to run: a --grep pattern over their titles; all of them when absent. */
  checks?: string;
};

function replaceOrThrow(config: string, from: string | RegExp, to: string) {
  const changed = config.replace(from, to);
  if (changed === config) throw new Error(`proof/verify/nginx.conf no longer holds ${String(from)}.`);
  return changed;
}

export const DEPLOYMENTS = {
  sound: {
    about: "the tested configuration",
    configure: (config) => config,
    breaks: [],
  },
  "no-hsts-at-proxy": {
    about: "the proxy sends no Strict-Transport-Security (its own answers go without it)",
    configure: (config) => replaceOrThrow(config, /^.*Strict-Transport-Security.*\n/gm, ""),
    breaks: ["v5.0.0-3.4.1"],
    checks: "carries Strict-Transport-Security",
  },
  "proxy-strips-secure": {
    about: "the proxy takes Secure off every cookie the app sets",
    configure: (config) =>
      replaceOrThrow(
        config,
        "      proxy_max_temp_file_size 0;",
        "      proxy_max_temp_file_size 0;\n      proxy_cookie_flags ~ nosecure;",
      ),
    breaks: ["v5.0.0-3.3.1", "v4.0.3-3.4.1"],
    checks: "every cookie it sets",
  },
  "forged-forwarded-for-trusted": {
    about: "the proxy passes the client's X-Forwarded-For on as it came, so the app believes a forged one",
    configure: (config) => replaceOrThrow(config, "$proxy_add_x_forwarded_for", "$http_x_forwarded_for"),
    breaks: ["v5.0.0-4.1.3"],
    checks: "client address",
  },
  "second-application": {
    about: "another application is served under /blog/ on the same hostname",
    configure: (config) =>
      replaceOrThrow(
        config,
        "    location / {",
        '    location /blog {\n      default_type text/html;\n      return 200 "<!doctype html><title>Blog</title><p>Another application</p>";\n    }\n\n    location / {',
      ),
    breaks: ["v5.0.0-3.5.4"],
    checks: "serves this application alone",
  },
} satisfies Record<string, Deployment>;

export type DeploymentName = keyof typeof DEPLOYMENTS;
