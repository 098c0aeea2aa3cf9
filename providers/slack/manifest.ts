// Slack: messages of the channels the Tributary bot was invited to, through a Slack app (OAuth v2 bot token).
import type { ManifestInput } from '../types.ts';

export const manifest = {
  type: 'slack',
  name: 'Slack',
  category: 'chat',
  description: 'Messages from the Slack channels you choose (invite the Tributary app to #incidents, #deploys…).',
  docs_url: 'https://api.slack.com/methods/conversations.history',
  ingests: [{ kind: 'message', description: 'Channel messages with author, text, thread and reactions, from channels the app is a member of' }],
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
