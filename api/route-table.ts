// What the router serves, read from the app's own route list: which methods a path has (405 with `Allow`,
// OPTIONS) and which path parameter a URL segment fills (to name it in a 400).
interface Route {
  method: string;
  segments: string[];
}

export interface RouteTable {
  /** Methods routed for this path (HEAD with GET), empty when no route has its shape. */
  methods(path: string): string[];
  /** The parameter name (`id`, `run_id`…) that segment `index` of `path` fills, if a route says so. */
  paramAt(path: string, index: number): string | undefined;
}

const splitPath = (path: string) => path.split('/');
const paramName = (segment: string) => (segment.startsWith(':') ? segment.slice(1).replace(/\{.*$/, '') : undefined);

function matches(route: Route, segments: string[]): boolean {
  if (route.segments.length !== segments.length) return false;
  return route.segments.every((t, i) => t.startsWith(':') || t === segments[i]);
}

export function routeTable(listRoutes: () => readonly { method: string; path: string }[]): RouteTable {
  let routes: Route[] | undefined;
  // Read lazily: every route is registered by the time the first request arrives.
  const all = () =>
    (routes ??= listRoutes()
      .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => ({ method: r.method.toUpperCase(), segments: splitPath(r.path) })));
  const decoded = (path: string) =>
    splitPath(path).map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return {
    methods(path) {
      const segments = decoded(path);
      const found = new Set(all().filter((r) => matches(r, segments)).map((r) => r.method));
      if (found.has('GET')) found.add('HEAD');
      return [...found];
    },
    paramAt(path, index) {
      const segments = splitPath(path);
      // A route whose literal segments all match, the bad one aside (it may not decode at all).
      const route = all().find((r) => r.segments.length === segments.length && r.segments.every((t, i) => i === index || t.startsWith(':') || t === segments[i]));
      return route && paramName(route.segments[index]!);
    },
  };
}
