// The operations of the OpenAPI document, looked up by method and request path: which one a request is for, what
// security it takes and which path parameters it has (the connect-session scope and CORS preflights read it).
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';

type Definition = OpenAPIHono['openAPIRegistry']['definitions'][number];

export interface OperationEntry {
  operationId: string;
  method: string;
  /** The OpenAPI path template, e.g. `/v1/connectors/{id}`. */
  path: string;
  /** A connect-session token may call it. */
  connectSession: boolean;
  /** Path parameter names by segment index. */
  params: Map<number, string>;
}

export interface OperationTable {
  find(method: string, path: string): { op: OperationEntry; params: Record<string, string> } | undefined;
  all(): OperationEntry[];
}

export function operationTable(definitions: () => readonly Definition[]): OperationTable {
  let entries: Array<OperationEntry & { segments: string[] }> | undefined;
  // Read lazily: every route is registered by the time the first request arrives.
  const list = () =>
    (entries ??= definitions()
      .flatMap((d) => (d.type === 'route' ? [(d as { route: RouteConfig }).route] : []))
      .map((route) => {
        const segments = route.path.split('/');
        const params = new Map<number, string>();
        segments.forEach((s, i) => {
          const m = /^\{(\w+)\}$/.exec(s);
          if (m) params.set(i, m[1]!);
        });
        const connectSession = (route.security ?? []).some((req) => 'connectSession' in req);
        return { operationId: route.operationId ?? '', method: route.method.toUpperCase(), path: route.path, connectSession, params, segments };
      }));
  return {
    all: () => list(),
    find(method, path) {
      const segments = path.split('/');
      const hit = list().find((e) => e.method === method && e.segments.length === segments.length && e.segments.every((t, i) => e.params.has(i) || t === segments[i]));
      if (!hit) return undefined;
      const params: Record<string, string> = {};
      for (const [i, name] of hit.params) params[name] = decodeURIComponent(segments[i]!);
      return { op: hit, params };
    },
  };
}
