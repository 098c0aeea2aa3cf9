// Slack: messages of the channels the Tributary bot was invited to, through a Slack app (OAuth v2 bot token).
import type { ManifestInput } from '../types.ts';

export const manifest = {
  type: 'slack',
  name: 'Slack',
  category: 'chat',
  description: 'Messages from the Slack channels you choose (invite the Tributary app to #incidents, #deploys…).',
  docs_url: 'https://api.slack.com/methods/conversations.history',
  ingests: [{ kind: 'message', changes: { detection: 'reread', deletions: 'listing', reread_hours: 1, how: 'Slack has no modification filter: an incremental sync lists the window *and the hour before it* (`conversations.history` with `oldest`/`latest`), so edits and deletions within an hour are caught; the listing is complete, so a message it no longer has is a tombstone. Cost: ⌈messages in window + 1 h/100⌉ calls per channel, +1 for the channel list.' }, description: 'Channel messages with author, text, thread and reactions, from channels the app is a member of' }],
  permissions: [
    { name: 'channels:read', reason: 'Find the public channels the app was invited to' },
    { name: 'channels:history', reason: 'Read messages in those public channels' },
    { name: 'groups:read', reason: 'Find the private channels the app was invited to' },
    { name: 'groups:history', reason: 'Read messages in those private channels' },
  ],
  auth: 'oauth2',
  oauth: {
    authorize_url: 'https://slack.com/oauth/v2/authorize',
    token_url: 'https://slack.com/api/oauth.v2.access',
    scopes: ['channels:read', 'channels:history', 'groups:read', 'groups:history'],
    scope_separator: ',',
    pkce: false,
  },
  api_base_url: 'https://slack.com/api',
  history_limit_days: 90,
} satisfies ManifestInput;
