// Jira Cloud: issues, through an Atlassian OAuth 2.0 (3LO) app; the Jira site is found by cloud-id discovery.
import type { ManifestInput } from '../types.ts';

export const manifest = {
  type: 'jira',
  name: 'Jira',
  category: 'ticketing',
  description: 'Jira Cloud issues: incident tickets, bugs and postmortem actions, with status, type and priority.',
  docs_url: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/',
  ingests: [{ kind: 'issue', changes: { detection: 'modified_filter', deletions: 'listing', how: 'JQL `updated >= … AND updated < … ORDER BY updated ASC` (minute-granular, in the user\'s time zone): ⌈issues/100⌉ calls + 2 (site and time zone). Deleted issues vanish from search: a backfill (a complete `created` listing of its chunk) tombstones them.' }, description: 'Issues with key, summary, type, status, priority, project and assignee, by creation time' }],
  permissions: [
    { name: 'read:jira-work', reason: 'Search issues and read their fields' },
    { name: 'read:jira-user', reason: 'Read your time zone, so time windows in JQL mean what they say' },
    { name: 'offline_access', reason: 'A refresh token, so syncs keep running after the one-hour access token expires' },
  ],
  auth: 'oauth2',
  oauth: {
    authorize_url: 'https://auth.atlassian.com/authorize',
    token_url: 'https://auth.atlassian.com/oauth/token',
    scopes: ['read:jira-work', 'read:jira-user', 'offline_access'],
    scope_separator: ' ',
    pkce: false,
    authorize_params: { audience: 'api.atlassian.com', prompt: 'consent' },
  },
  api_base_url: 'https://api.atlassian.com',
  history_limit_days: 3650,
} satisfies ManifestInput;
