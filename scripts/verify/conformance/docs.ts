/**
 * Swagger UI, checked the way an Ingress sees it: the page and every file it loads from the
 * service (redirects, scripts, styles, the document and any config the scripts name) answer 200
 * and live under `paths.docs` or `paths.openapi`. Those are the only paths a deployment routes
 * when the docs are published (`spec.ingress`), so a page that loads from anywhere else would
 * break behind it. Files from a CDN are not the service's and are not fetched.
 */
import {
  ConformanceFailure,
  describe,
  expectStatus,
  type Exchange,
} from './client';
import type { ConformanceCheck, Suite } from './suite';

/** Bounds the walk: Swagger UI loads about ten files. */
const MAX_FILES = 30;
const MAX_REDIRECTS = 5;

/** Attribute and script references: src="…", href="…", url: "…", "configUrl": "…". */
const REFERENCES =
  /\b(?:src|href)\s*=\s*["']([^"']+)["']|["']?\b(?:url|configUrl)["']?\s*:\s*["']([^"']+)["']/g;

/** The service path a reference resolves to, or undefined when it leaves the service. */
function servicePath(
  reference: string,
  from: string,
  origin: string,
): string | undefined {
  const url = new URL(reference, origin + from);
  return url.origin === origin ? url.pathname + url.search : undefined;
}

/**
 * A library bundle (swagger-ui-bundle.js, over a megabyte) is full of `url:` in code that the
 * page never fetches; only the page and small files (initializer, config) name what is loaded.
 */
const MAX_SCANNED_LENGTH = 64 * 1024;

function references(exchange: Exchange, origin: string): string[] {
  if (exchange.text.length > MAX_SCANNED_LENGTH) return [];
  return [...exchange.text.matchAll(REFERENCES)]
    .map(match => servicePath(match[1] ?? match[2]!, exchange.path, origin))
    .filter((path): path is string => path !== undefined);
}

export function apiDocsCheck(suite: Suite): ConformanceCheck {
  return {
    name: 'Swagger UI loads only from the docs path and the document',
    async run() {
      const { docs, openapi } = suite.api.paths;
      const origin = new URL(suite.client.baseUrl).origin;
      const routed = (path: string) => {
        const bare = path.split('?')[0]!;
        return [openapi, docs].some(
          prefix => bare === prefix || bare.startsWith(`${prefix}/`),
        );
      };

      let page = await suite.client.request('GET', docs);
      const loaded = [docs];
      for (let hop = 0; page.status >= 300 && page.status < 400; hop++) {
        const next = servicePath(
          page.headers.get('location') ?? '',
          page.path,
          origin,
        );
        if (!next || hop >= MAX_REDIRECTS) {
          throw new ConformanceFailure(
            `${describe(page)} redirects to ${JSON.stringify(page.headers.get('location'))}`,
          );
        }
        loaded.push(next);
        page = await suite.client.request('GET', next);
      }
      expectStatus(page, 200, 'the docs page');
      if (!/^text\/html/.test(page.headers.get('content-type') ?? '')) {
        throw new ConformanceFailure(
          `${describe(page)}: content-type ${page.headers.get('content-type')}, not an HTML page`,
        );
      }

      const named = (by: Exchange) =>
        references(by, origin).map(path => ({ path, by: by.path }));
      const queue = named(page);
      const fetched = new Set<string>();
      while (queue.length && fetched.size < MAX_FILES) {
        const { path, by } = queue.shift()!;
        if (fetched.has(path)) continue;
        fetched.add(path);
        loaded.push(path);
        const file = await suite.client.request('GET', path);
        expectStatus(file, 200, `named by ${by}`);
        // The document's own URLs (servers, external docs) are not files the page loads.
        if (path !== openapi) queue.push(...named(file));
      }
      if (!fetched.has(openapi)) {
        throw new ConformanceFailure(
          `the docs page never names ${openapi}: loaded ${[...fetched].join(', ') || 'nothing from the service'}`,
        );
      }
      const outside = [...new Set(loaded.filter(path => !routed(path)))];
      if (outside.length) {
        throw new ConformanceFailure(
          `the docs load ${outside.length} path(s) outside ${docs} and ${openapi}; an Ingress publishing the docs routes only those`,
          outside,
        );
      }
      return `${loaded.length} paths: ${loaded.join(', ')}`;
    },
  };
}
