// Datadog against its official OpenAPI (Events API v2), shipped in the PyPI datadog-api-client sdist: the event
// list and its cursor, error bodies, and the X-RateLimit-* headers Datadog documents (the description has none).
import type { Check, ProviderConformance } from './conformance.ts';
import { spec } from './conformance.ts';
import type { Exchange } from './exchanges.ts';
import { describe, optionalHeaders, pointer, problems, type Deviation, type HeaderRule } from './validator.ts';

export const DATADOG_DEVIATIONS: Deviation[] = [
  {
    pointer: pointer('components', 'schemas', 'EventResponse'),
    require: ['id', 'type', 'attributes'],
    reason: 'the description requires nothing; Datadog returns every listed event with its id, type and attributes (docs.datadoghq.com/api/latest/events/#get-a-list-of-events), and the client keys and windows records on them',
  },
  {
    pointer: pointer('components', 'schemas', 'EventResponseAttributes'),
    require: ['timestamp'],
    reason: 'every stored event has a timestamp (the search filters on it); the client windows on it',
  },
];

export const datadogSpec = describe(spec('datadog.openapi.json'), { openapi: true, deviations: DATADOG_DEVIATIONS });

/** docs.datadoghq.com/api/latest/rate-limits: on rate-limited endpoints, every answer. */
const integer = { type: 'integer', minimum: 0 };
const RATE: Record<string, HeaderRule> = {
  'x-ratelimit-limit': { schema: integer, required: true },
  'x-ratelimit-period': { schema: integer, required: true },
  'x-ratelimit-remaining': { schema: integer, required: true },
  'x-ratelimit-reset': { schema: integer, required: true },
  'x-ratelimit-name': { schema: { type: 'string' }, required: true },
};

function check(ex: Exchange): Check | undefined {
  if (ex.method !== 'GET' || ex.path !== '/api/v2/events') return undefined;
  // 5xx are not in the description: Datadog answers them with the same APIErrorResponse.
  const ptr = ex.status >= 500 ? pointer('components', 'schemas', 'APIErrorResponse') : datadogSpec.responsePointer('/api/v2/events', 'get', ex.status);
  // Answers of the rate-limited endpoint itself carry the headers; a refused key or a 5xx may come before it.
  const headers = ex.status === 200 || ex.status === 400 || ex.status === 429 ? RATE : optionalHeaders(RATE);
  return { name: `GET /api/v2/events ${ex.status} → ${ptr}`, body: (b) => problems(datadogSpec.validator(ptr), b), headers };
}

export const datadog: ProviderConformance = {
  type: 'datadog',
  source: 'datadog-api-client 2.62.0 (PyPI sdist: Datadog\'s own OpenAPI 3.0 for API v2) and Datadog\'s rate-limit documentation for headers',
  check,
  async scenarios(h) {
    const c = h.credentials('datadog');
    const auth = { headers: { 'DD-API-KEY': c.api_key!, 'DD-APPLICATION-KEY': c.application_key! } };
    // `page[limit]` is at most 1000 (the description's maximum): 400.
    const res = await h.call('datadog', '/api/v2/events?page[limit]=1001', auth);
    if (res.status !== 400) throw new Error(`page[limit]=1001 answered ${res.status}`);
  },
  broken: {
    what: 'an event whose `type` is not "event"',
    find: (ex) => ex.path === '/api/v2/events' && ex.status === 200 && (ex.body as any)?.data?.length > 0,
    breakIt: (b) => {
      b.data[0].type = 'log';
    },
  },
};
