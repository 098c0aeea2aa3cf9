// PagerDuty against its documented shapes (dev/emulator/specs/documented.ts; PagerDuty publishes no description in
// a package registry): abilities, incidents and log entries in classic pagination, the error body, and the
// ratelimit-* headers — plus the 10,000-result paging ceiling the client must split windows around.
import { PAGERDUTY } from '../../dev/emulator/specs/documented.ts';
import type { Check, ProviderConformance } from './conformance.ts';
import { readAll, windowBefore, type Exchange } from './exchanges.ts';
import { describe, optionalHeaders, pointer, problems, type Deviation, type HeaderRule } from './validator.ts';

export const PAGERDUTY_DEVIATIONS: Deviation[] = [];

export const pagerdutySpec = describe(PAGERDUTY, { openapi: false, deviations: PAGERDUTY_DEVIATIONS });

const integer = { type: 'integer', minimum: 0 };
/** support.pagerduty.com "REST API rate limits": the limit, what remains and the seconds until the window resets. */
const RATE: Record<string, HeaderRule> = {
  'ratelimit-limit': { schema: integer, required: true },
  'ratelimit-remaining': { schema: integer, required: true },
  'ratelimit-reset': { schema: integer, required: true },
};
const BODIES: Record<string, string> = { '/abilities': 'abilities', '/incidents': 'incidents', '/log_entries': 'log_entries' };

function check(ex: Exchange): Check | undefined {
  const def = ex.status >= 400 ? 'error' : BODIES[ex.path];
  if (!def || ex.method !== 'GET' || !BODIES[ex.path]) return undefined;
  const ptr = pointer('definitions', def);
  // Rate-limit headers on answers the API itself produced; a 401 or 5xx may come before the limiter.
  const headers = ex.status === 429 ? { ...RATE, 'retry-after': { schema: integer } } : ex.status < 400 || ex.status === 400 ? RATE : optionalHeaders(RATE);
  return { name: `${ex.method} ${ex.path} ${ex.status} → ${def}`, body: (b) => problems(pagerdutySpec.validator(ptr), b), headers };
}

export const pagerduty: ProviderConformance = {
  type: 'pagerduty',
  source: 'PagerDuty\'s documented shapes (developer.pagerduty.com API reference, encoded once in dev/emulator/specs/documented.ts)',
  check,
  async scenarios(h) {
    // Open incidents (date_range=all), and the paging ceiling: 400 "Offset+limit exceeds maximum allowed value".
    await readAll(h, 'pagerduty', windowBefore(0, 1), 'changed', 100);
    const auth = { headers: { Authorization: `Token token=${h.credentials('pagerduty').api_key}`, Accept: 'application/vnd.pagerduty+json;version=2' } };
    const res = await h.call('pagerduty', '/log_entries?limit=100&offset=9950', auth);
    if (res.status !== 400) throw new Error(`offset 9950 + limit 100 answered ${res.status}`);
  },
  broken: {
    what: 'an incident whose `status` is not one PagerDuty has',
    find: (ex) => ex.path === '/incidents' && ex.status === 200 && (ex.body as any)?.incidents?.length > 0,
    breakIt: (b) => {
      b.incidents[0].status = 'open';
    },
  },
};
