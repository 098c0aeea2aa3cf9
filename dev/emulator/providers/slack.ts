// Emulated Slack Web API: Bearer tokens, HTTP 200 `{ok: false, error}` failures, 429 + Retry-After,
// auth.test, users.conversations (the bot's channels) and conversations.history with oldest/latest/
// inclusive and cursor pagination (newest first, like Slack).
import { Hono, type Context } from 'hono';
import type { EmuRecord, RecordState } from '../dataset.ts';
import { bearer, hash, TIMELINES, type EmulatedProvider } from '../provider.ts';
import type { EmulatorState } from '../state.ts';

/** Channels in the demo workspace; the bot is a member of the first two. Messages alternate between them. */
export const SLACK_CHANNELS = [
  { id: 'C0INCIDENTS', name: 'incidents', member: true },
  { id: 'C0DEPLOYS01', name: 'deploys', member: true },
  { id: 'C0RANDOM001', name: 'random', member: false },
];
const MEMBER = SLACK_CHANNELS.filter((c) => c.member);
export const SLACK_TEAM_URL = 'https://acme-demo.slack.com/';

const fail = (c: Context, error: string, status = 200) => c.json({ ok: false, error }, status as 200);

/** Slack timestamps: seconds plus a microsecond part (records of a channel are created at distinct milliseconds). */
function slackTs(ms: number): { ts: string; us: number } {
  const us = (ms % 1000) * 1000;
  return { ts: `${Math.floor(ms / 1000)}.${String(us).padStart(6, '0')}`, us: Math.floor(ms / 1000) * 1_000_000 + us };
}

/** Messages alternate between the channels the bot is in (added ones go to the first). */
const channelOf = (r: EmuRecord) => (r.n < 0 ? 0 : r.n % MEMBER.length);

/** A message as it is now: an edit changes its text and adds `edited` (its `ts`, the identity, never changes). */
function message(s: RecordState) {
  const r = s.rec;
  const h = hash(r.id);
  const { ts } = slackTs(r.at);
  return {
    type: 'message',
    user: h % 2 === 0 ? 'U0ALICE001' : 'U0BOB00002',
    text: String(s.patch.title ?? (h % 2 === 0 ? `:rotating_light: checkout-api error rate is climbing (${r.title})` : `Rolling back checkout-api to the previous release (${r.title})`)),
    ts,
    ...(s.rev > 0 ? { edited: { user: 'U0ALICE001', ts: slackTs(s.updatedAt).ts } } : {}),
    team: 'T0ACMEDEMO',
    ...(h % 5 === 0 ? { reply_count: 2, thread_ts: ts, latest_reply: ts } : {}),
    ...(h % 3 === 0 ? { reactions: [{ name: 'eyes', users: ['U0BOB00002'], count: 1 }] } : {}),
    blocks: [],
  };
}

function slackApi(state: EmulatorState): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const token = bearer(c) ?? c.req.query('token');
    if (!token) return fail(c, 'not_authed');
    if (!state.isValid('slack', token)) return fail(c, 'invalid_auth');
    await next();
  });
  app.get('/api/auth.test', (c) => c.json({ ok: true, url: SLACK_TEAM_URL, team: 'Acme (demo)', user: 'tributary', team_id: 'T0ACMEDEMO', user_id: 'U0TRIBUTARY', bot_id: 'B0TRIBUTARY', is_enterprise_install: false }));
  app.get('/api/users.conversations', (c) => {
    const limit = Math.min(1000, Number(c.req.query('limit') ?? 100));
    const offset = Number(Buffer.from(c.req.query('cursor') ?? '', 'base64url').toString() || 0);
    const page = MEMBER.slice(offset, offset + limit);
    const next = offset + limit < MEMBER.length ? Buffer.from(String(offset + limit)).toString('base64url') : '';
    return c.json({ ok: true, channels: page.map((ch) => ({ id: ch.id, name: ch.name, is_channel: true, is_private: false, is_archived: false, is_member: true })), response_metadata: { next_cursor: next } });
  });
  app.get('/api/conversations.history', (c) => {
    const q = c.req.query();
    const index = SLACK_CHANNELS.findIndex((ch) => ch.id === q.channel);
    if (index < 0) return fail(c, 'channel_not_found');
    if (!SLACK_CHANNELS[index]!.member) return fail(c, 'not_in_channel');
    const memberIndex = MEMBER.findIndex((ch) => ch.id === q.channel);
    const toUs = (ts: string | undefined, dflt: number) => {
      if (!ts) return dflt;
      const [s, us = '0'] = ts.split('.');
      return Number(s) * 1_000_000 + Number(us.padEnd(6, '0'));
    };
    const oldest = toUs(q.oldest, 0);
    const latest = toUs(q.latest, Date.now() * 1000 + 1);
    const inclusive = q.inclusive === 'true' || q.inclusive === '1';
    const limit = Math.min(999, Number(q.limit ?? 100));
    const offset = Number(Buffer.from(q.cursor ?? '', 'base64url').toString() || 0);
    const all = state.data
      .list('slack', 'message', Math.floor(oldest / 1000), Math.floor(latest / 1000) + 1)
      .filter((s) => channelOf(s.rec) === memberIndex)
      .filter((s) => {
        const { us } = slackTs(s.rec.at);
        return inclusive ? us >= oldest && us <= latest : us > oldest && us < latest;
      })
      .reverse();
    const page = all.slice(offset, offset + limit);
    const hasMore = offset + limit < all.length;
    return c.json({
      ok: true,
      messages: page.map(message),
      has_more: hasMore,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
      response_metadata: { next_cursor: hasMore ? Buffer.from(String(offset + limit)).toString('base64url') : '' },
    });
  });
  return app;
}

export const slack: EmulatedProvider = {
  api: slackApi,
  timelines: { message: TIMELINES.editable },
  externalId: (_kind, rec) => `${MEMBER[channelOf(rec)]!.id}:${slackTs(rec.at).ts}`,
  errors: {
    unauthorized: (c) => fail(c, 'token_expired'),
    rateLimited: (c, s) => {
      c.header('retry-after', String(s));
      return fail(c, 'ratelimited', 429);
    },
    serverError: (c, status) => fail(c, 'fatal_error', status),
  },
};
