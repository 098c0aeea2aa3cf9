// GitHub against @octokit/openapi (GitHub's own OpenAPI 3.0 description, extract in dev/emulator/specs): every
// response the client reads — the user, its organizations, a repository, both searches, their errors — and the
// rate-limit headers GitHub documents (the description attaches them to almost no operation).
import { ProviderError } from '../../providers/types.ts';
import { expectFailure, spec, type Check, type ProviderConformance } from './conformance.ts';
import { readAll, windowBefore, type Exchange } from './exchanges.ts';
import { describe, optionalHeaders, pointer, problems, type Deviation, type HeaderRule } from './validator.ts';

/** Reviewed differences between the description and GitHub (and so the emulator and the client). */
export const GITHUB_DEVIATIONS: Deviation[] = [];

export const githubSpec = describe(spec('github.openapi.json'), { openapi: true, deviations: GITHUB_DEVIATIONS });

const component = (name: string) => githubSpec.doc.components.headers[name].schema;
/**
 * GitHub's rate-limit headers (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api): on every
 * answer the limit, what remains, what was used, when the window resets (epoch seconds) and which resource it was.
 */
const RATE_HEADERS: Record<string, HeaderRule> = {
  'x-ratelimit-limit': { schema: component('x-rate-limit-limit'), required: true },
  'x-ratelimit-remaining': { schema: component('x-rate-limit-remaining'), required: true },
  'x-ratelimit-reset': { schema: component('x-rate-limit-reset'), required: true },
  'x-ratelimit-used': { schema: { type: 'integer', minimum: 0 }, required: true },
  'x-ratelimit-resource': { schema: { type: 'string', enum: ['core', 'search', 'graphql', 'integration_manifest', 'source_import', 'code_scanning_upload', 'actions_runner_registration', 'scim', 'dependency_snapshots', 'code_search'] }, required: true },
};
/** Rate-limited answers may add Retry-After (seconds). */
const LIMITED_HEADERS: Record<string, HeaderRule> = { ...RATE_HEADERS, 'retry-after': { schema: { type: 'integer', minimum: 0 } } };

const OPERATIONS: Array<[RegExp, string]> = [
  [/^\/user$/, '/user'],
  [/^\/user\/orgs$/, '/user/orgs'],
  [/^\/repos\/[^/]+\/[^/]+$/, '/repos/{owner}/{repo}'],
  [/^\/search\/issues$/, '/search/issues'],
  [/^\/search\/commits$/, '/search/commits'],
];

function check(ex: Exchange): Check | undefined {
  const op = OPERATIONS.find(([re]) => re.test(ex.path))?.[1];
  if (!op || ex.method !== 'GET') return undefined;
  const name = `${ex.method} ${ex.path} ${ex.status}`;
  // 403/429 rate limits and 5xx are GitHub's basic error; the operations declare the statuses they know.
  const declared = githubSpec.doc.paths[op].get.responses[String(ex.status)];
  const ptr = declared ? githubSpec.responsePointer(op, 'get', ex.status) : ex.status >= 400 ? pointer('components', 'schemas', 'basic-error') : undefined;
  if (!ptr) return undefined;
  // A 5xx may come from GitHub's edge, before any rate-limit accounting: its headers are optional.
  const headers = ex.status >= 500 ? optionalHeaders(RATE_HEADERS) : ex.status === 403 || ex.status === 429 ? LIMITED_HEADERS : { ...RATE_HEADERS, ...(op.startsWith('/search') ? { link: { schema: component('link') } } : {}) };
  return { name: `${name} → ${ptr}`, body: (b) => problems(githubSpec.validator(ptr), b), headers };
}

export const github: ProviderConformance = {
  type: 'github',
  source: '@octokit/openapi 23.0.2 (GitHub\'s OpenAPI 3.0.3 description) for bodies and the x-ratelimit-limit/-remaining/-reset headers; GitHub\'s rate-limit documentation for x-ratelimit-used/-resource and Retry-After',
  check,
  async scenarios(h) {
    const client = h.registry.get('github')!.client;
    const creds = h.credentials('github');
    // The default scope (no configuration): the account and its organizations; a repository in the configuration.
    await client.testConnection(creds, { repos: ['acme/checkout'], orgs: ['acme'] });
    await readAll(h, 'github', windowBefore(3, 2), 'created', 50);
    // A repository the token cannot see (404), a scope GitHub refuses to search (422), a page past the cap (422).
    await expectFailure(client.testConnection(creds, { repos: ['acme/secret'] }));
    await expectFailure(client.fetchPage(creds, { kind: 'commit', window: windowBefore(1, 1), selection: 'created', pageCursor: null, config: { orgs: ['globex'] } }));
    // The primary search limit spent: 403 with x-ratelimit-remaining 0; then secondary limits in each form.
    const search = h.state.limits.github.search;
    const saved = search.limit;
    search.limit = 1;
    await expectFailure(readAll(h, 'github', windowBefore(1, 3), 'created', 100, { orgs: ['acme'] }));
    search.limit = saved;
    h.state.reset();
    for (const f of [{ status: 403, retry_after_s: 3 }, { status: 403 }, { status: 429 }, { status: 429, retry_after_s: 2 }]) {
      h.state.faults.push({ provider: 'github', kind: 'secondary_rate_limit', remaining: 1, ...f });
      const err = await client.fetchPage(creds, { kind: 'commit', window: windowBefore(1, 1), selection: 'created', pageCursor: null, config: { orgs: ['acme'] } }).catch((e: unknown) => e);
      if (!(err instanceof ProviderError) || err.code !== 'rate_limited') throw new Error(`secondary limit ${JSON.stringify(f)} was not read as a rate limit: ${String(err)}`);
    }
  },
  broken: {
    what: 'a commit search item without `commit.tree`',
    find: (ex) => ex.path === '/search/commits' && ex.status === 200 && (ex.body as any)?.items?.length > 0,
    breakIt: (b) => delete b.items[0].commit.tree,
  },
};
