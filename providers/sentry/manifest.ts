// Sentry: issues (grouped errors) of one organisation, through an organization or personal auth token.
import type { ManifestInput } from '../types.ts';

export const manifest = {
  type: 'sentry',
  name: 'Sentry',
  category: 'monitoring',
  description: 'New Sentry issues: the errors that started around an incident, with their first-seen time.',
  docs_url: 'https://docs.sentry.io/api/events/list-an-organizations-issues/',
  ingests: [{ kind: 'issue', changes: { detection: 'modified_filter', deletions: 'listing', how: 'Issues whose `lastSeen` is in the window (`query=lastSeen:>=…`, `sort=date`): a new event moves `lastSeen` and brings the issue with its count, status and assignee; ⌈issues/100⌉ calls. Status or assignee changes without a new event are caught by a backfill (a complete `firstSeen` listing), which also tombstones deleted issues.' }, description: 'Issues with level, status, culprit, project and event counts, by first-seen time' }],
  permissions: [
    { name: 'org:read', reason: 'The connection test reads the organization' },
    { name: 'event:read', reason: 'List the organization\'s issues' },
    { name: 'project:read', reason: 'Issues carry their project' },
  ],
  auth: 'api_key',
  credential_fields: [
    {
      name: 'auth_token',
      label: 'Auth token',
      description: 'An organization auth token or a personal token with org:read, project:read and event:read (Settings → Auth Tokens)',
      secret: true,
      pattern: '^[\\x21-\\x7E]{20,200}$',
    },
    { name: 'organization', label: 'Organization slug', description: 'The slug in your Sentry URL (https://<slug>.sentry.io)', secret: false, pattern: '^[a-z0-9][a-z0-9_-]{0,49}$' },
  ],
  api_base_url: 'https://sentry.io/api/0',
  history_limit_days: 90,
} satisfies ManifestInput;
