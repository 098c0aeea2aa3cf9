// GitLab against its documented shapes (dev/emulator/specs/documented.ts; GitLab publishes no v4 description in a
// package registry): projects, deployments, error bodies, offset-pagination headers and the RateLimit-* headers.
import { GITLAB } from '../../dev/emulator/specs/documented.ts';
import type { Check, ProviderConformance } from './conformance.ts';
import type { Exchange } from './exchanges.ts';
import { describe, optionalHeaders, pointer, problems, type Deviation, type HeaderRule } from './validator.ts';

export const GITLAB_DEVIATIONS: Deviation[] = [];

export const gitlabSpec = describe(GITLAB, { openapi: false, deviations: GITLAB_DEVIATIONS });

const integer = { type: 'integer', minimum: 0 };
/** docs.gitlab.com/user/gitlab_com/#rate-limits-on-gitlabcom. */
const RATE: Record<string, HeaderRule> = {
  'ratelimit-limit': { schema: integer, required: true },
  'ratelimit-observed': { schema: integer, required: true },
  'ratelimit-remaining': { schema: integer, required: true },
  'ratelimit-reset': { schema: integer, required: true },
  'ratelimit-resettime': { schema: { type: 'string' }, required: true },
};
/** docs.gitlab.com/api/rest/#offset-based-pagination: `x-next-page` is empty on the last page; totals may be omitted. */
const maybeInt = { type: 'string', pattern: '^[0-9]*$' };
const PAGES: Record<string, HeaderRule> = {
  'x-page': { schema: integer, required: true },
  'x-per-page': { schema: { type: 'integer', minimum: 1, maximum: 100 }, required: true },
  'x-next-page': { schema: maybeInt, required: true },
  'x-prev-page': { schema: maybeInt, required: true },
  'x-total': { schema: integer },
  'x-total-pages': { schema: integer },
};

function check(ex: Exchange): Check | undefined {
  const m = /^\/api\/v4\/projects\/[^/]+(\/deployments)?$/.exec(ex.path);
  if (!m || ex.method !== 'GET') return undefined;
  const def = ex.status >= 400 ? 'error' : m[1] ? 'deployments' : 'project';
  if (ex.status === 429) {
    // Throttled: a plain-text body ("Retry later") with Retry-After and the RateLimit-* headers.
    return { name: `GET ${ex.path} 429 → Retry later`, body: (b) => (typeof b === 'string' ? [] : ['expected the plain-text "Retry later"']), headers: { ...RATE, 'retry-after': { schema: integer, required: true } } };
  }
  const headers = ex.status === 401 || ex.status >= 500 ? optionalHeaders(RATE) : { ...RATE, ...(def === 'deployments' ? PAGES : {}) };
  return { name: `GET ${ex.path} ${ex.status} → ${def}`, body: (b) => problems(gitlabSpec.validator(pointer('definitions', def)), b), headers };
}

export const gitlab: ProviderConformance = {
  type: 'gitlab',
  source: 'GitLab\'s documented shapes (docs.gitlab.com/api: deployments, projects, pagination, rate limits; encoded once in dev/emulator/specs/documented.ts)',
  check,
  async scenarios(h) {
    const auth = { headers: { 'PRIVATE-TOKEN': h.credentials('gitlab').private_token! } };
    // An unknown project (404); `per_page` above 100 is served as 100.
    if ((await h.call('gitlab', '/api/v4/projects/acme%2Fnope', auth)).status !== 404) throw new Error('unknown project not a 404');
    const res = await h.call('gitlab', '/api/v4/projects/4101/deployments?per_page=500', auth);
    if (res.headers.get('x-per-page') !== '100') throw new Error(`per_page=500 served ${res.headers.get('x-per-page')} a page`);
  },
  broken: {
    what: 'a deployment whose `sha` is not a commit id',
    find: (ex) => ex.path.endsWith('/deployments') && ex.status === 200 && (ex.body as unknown[])?.length > 0,
    breakIt: (b) => {
      b[0].sha = 'main';
    },
  },
};
