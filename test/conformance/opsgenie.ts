// Opsgenie against its official Python SDK's models (PyPI opsgenie-sdk, OpenAPI Generator output of Opsgenie's
// own OpenAPI; no package ships the OpenAPI file itself): the alert list, its paging, error bodies, and the
// throttling headers its documentation describes.
import type { Check, ProviderConformance } from './conformance.ts';
import { spec } from './conformance.ts';
import type { Exchange } from './exchanges.ts';
import { describe, pointer, problems, type Deviation, type HeaderRule } from './validator.ts';

export const OPSGENIE_DEVIATIONS: Deviation[] = [
  {
    pointer: pointer('definitions', 'BaseAlert'),
    require: ['createdAt', 'updatedAt'],
    reason: 'the models leave them optional, but every alert Opsgenie lists has both (docs.opsgenie.com/docs/alert-api#list-alerts); the client windows and orders on them',
  },
];

export const opsgenieSpec = describe(spec('opsgenie.schema.json'), { openapi: false, deviations: OPSGENIE_DEVIATIONS });

/** docs.opsgenie.com/docs/api-rate-limiting and /docs/pagination. */
const THROTTLED: Record<string, HeaderRule> = {
  'x-ratelimit-state': { schema: { const: 'THROTTLED' }, required: true },
  'x-ratelimit-reason': { schema: { type: 'string' }, required: true },
  'x-ratelimit-period-in-sec': { schema: { type: 'integer', minimum: 1 }, required: true },
};
const PAGING: Record<string, HeaderRule> = {
  'x-paging-next': { schema: { type: 'string', format: 'uri' } },
  'x-paging-first': { schema: { type: 'string', format: 'uri' }, required: true },
  'x-paging-last': { schema: { type: 'string', format: 'uri' }, required: true },
};

function check(ex: Exchange): Check | undefined {
  if (ex.method !== 'GET' || ex.path !== '/v2/alerts') return undefined;
  const root = ex.status >= 400 ? 'error' : 'list_alerts';
  const ptr = pointer('roots', root);
  return { name: `GET /v2/alerts ${ex.status} → ${root}`, body: (b) => problems(opsgenieSpec.validator(ptr), b), headers: ex.status === 429 ? THROTTLED : ex.status === 200 ? PAGING : {} };
}

export const opsgenie: ProviderConformance = {
  type: 'opsgenie',
  source: 'opsgenie-sdk 2.1.5 (Opsgenie\'s official Python SDK; its OpenAPI Generator models as JSON Schema) and Opsgenie\'s rate-limit and pagination documentation for headers',
  check,
  async scenarios(h) {
    const auth = { headers: { Authorization: `GenieKey ${h.credentials('opsgenie').api_key}` } };
    // Documented bounds: limit ≤ 100, offset + limit ≤ 20,000 (both 422).
    for (const q of ['limit=101', 'limit=100&offset=19950']) {
      const res = await h.call('opsgenie', `/v2/alerts?${q}`, auth);
      if (res.status !== 422) throw new Error(`${q} answered ${res.status}`);
    }
  },
  broken: {
    what: 'an alert list without `requestId`',
    find: (ex) => ex.path === '/v2/alerts' && ex.status === 200,
    breakIt: (b) => delete b.requestId,
  },
};
