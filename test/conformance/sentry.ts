// Sentry against @sentry/api (types generated from Sentry's own OpenAPI, published by Sentry; converted to JSON
// Schema by `npm run specs:update`): the organization and its issues; the `{detail}` error body, the Link cursor
// and the X-Sentry-Rate-Limit-* headers as Sentry documents them (the types have none of these).
import type { Check, ProviderConformance } from './conformance.ts';
import { spec } from './conformance.ts';
import type { Exchange } from './exchanges.ts';
import { describe, optionalHeaders, pointer, problems, type Deviation, type HeaderRule } from './validator.ts';

const issue = (...rest: string[]) => pointer('definitions', 'issues', 'items', ...rest);
export const SENTRY_DEVIATIONS: Deviation[] = [
  {
    pointer: issue(),
    unrequire: ['inbox', 'owners', 'pluginActions', 'pluginIssues', 'integrationIssues', 'sentryAppIssues', 'latestEventHasAttachments', 'sessionCount'],
    reason: 'the generated type requires them, but Sentry adds them only when asked with `expand=` (inbox, owners, pluginActions, …, sessions); the client does not ask',
  },
  { pointer: issue('properties', 'assignedTo'), nullable: true, reason: 'an unassigned issue has `assignedTo: null` (docs.sentry.io/api/events/list-an-organizations-issues); the generated type forgot the null' },
  { pointer: issue('properties', 'firstSeen'), replace: { type: 'string', format: 'date-time' }, reason: 'nullable in the description, but an issue exists only once an event was seen; the client dates issues by it' },
  { pointer: issue('properties', 'lastSeen'), replace: { type: 'string', format: 'date-time' }, reason: 'as firstSeen; incremental syncs window on it' },
];

export const sentrySpec = describe(spec('sentry.schema.json'), { openapi: false, deviations: SENTRY_DEVIATIONS });

/** docs.sentry.io/api/ratelimits and /api/pagination. */
const integer = { type: 'integer', minimum: 0 };
const RATE: Record<string, HeaderRule> = {
  'x-sentry-rate-limit-limit': { schema: integer, required: true },
  'x-sentry-rate-limit-remaining': { schema: integer, required: true },
  'x-sentry-rate-limit-reset': { schema: integer, required: true },
  'x-sentry-rate-limit-concurrentlimit': { schema: integer, required: true },
  'x-sentry-rate-limit-concurrentremaining': { schema: integer, required: true },
};
const LINK: HeaderRule = {
  schema: { type: 'string', pattern: '^<[^>]+>; rel="previous"; results="(true|false)"; cursor="[^"]+", <[^>]+>; rel="next"; results="(true|false)"; cursor="[^"]+"$' },
  required: true,
};
const ERROR = { type: 'object', required: ['detail'], properties: { detail: { type: 'string' } } };

function check(ex: Exchange): Check | undefined {
  const m = /^\/api\/0\/organizations\/[^/]+\/(issues\/)?$/.exec(ex.path);
  if (!m || ex.method !== 'GET') return undefined;
  const def = m[1] ? 'issues' : 'organization';
  const headers = ex.status >= 500 || ex.status === 401 ? optionalHeaders(RATE) : { ...RATE, ...(def === 'issues' && ex.status === 200 ? { link: LINK } : {}) };
  if (ex.status >= 400) return { name: `GET ${ex.path} ${ex.status} → {detail}`, body: (b) => problems(errorValidator, b), headers };
  return { name: `GET ${ex.path} ${ex.status} → ${def}`, body: (b) => problems(sentrySpec.validator(pointer('definitions', def)), b), headers };
}
const errorValidator = describe({ definitions: { error: ERROR } }, { openapi: false }).validator(pointer('definitions', 'error'));

export const sentry: ProviderConformance = {
  type: 'sentry',
  source: '@sentry/api 0.1.0 (types generated from Sentry\'s OpenAPI, as JSON Schema) and Sentry\'s API documentation for errors, the Link cursor and rate-limit headers',
  check,
  async scenarios(h) {
    const auth = { headers: { Authorization: `Bearer ${h.credentials('sentry').auth_token}` } };
    // `limit` is at most 100 (400 beyond), and an unknown organization is a 404.
    for (const [q, status] of [['/api/0/organizations/acme-demo/issues/?limit=101', 400], ['/api/0/organizations/nope/', 404]] as const) {
      const res = await h.call('sentry', q, auth);
      if (res.status !== status) throw new Error(`${q} answered ${res.status}`);
    }
  },
  broken: {
    what: 'an issue whose `project` lacks its `slug`',
    find: (ex) => ex.path.endsWith('/issues/') && ex.status === 200 && (ex.body as unknown[])?.length > 0,
    breakIt: (b) => delete b[0].project.slug,
  },
};
