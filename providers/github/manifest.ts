// GitHub: deployments, pull requests and commits, through an OAuth app (PKCE supported).
import type { ManifestInput } from '../types.ts';

export const manifest = {
  type: 'github',
  name: 'GitHub',
  category: 'source_control',
  description: 'Merged pull requests and commits: what changed before an incident.',
  docs_url: 'https://docs.github.com/en/rest',
  ingests: [
    {
      kind: 'pull_request',
      description: 'Merged pull requests with merge times and authors',
      changes: {
        detection: 'modified_filter',
        deletions: 'none',
        how: 'Search `is:pr is:merged updated:<window>` with the configured scope (`org:`/`repo:`): ⌈PRs/100⌉ calls; a window with more than 1,000 matches (GitHub search\'s cap) is split in halves until each part fits (+1 call per split). Pull requests cannot be deleted.',
      },
    },
    {
      kind: 'commit',
      description: 'Commits on default branches',
      changes: { detection: 'immutable', deletions: 'none', how: 'Commits never change: search `committer-date:<window>` with the scope, split like pull requests; ⌈commits/100⌉ calls.' },
    },
  ],
  config_fields: [
    {
      name: 'orgs',
      label: 'Organizations',
      description: 'Organizations (or users) whose repositories to ingest; each must be visible to the authorizing account',
      type: 'string_list',
      pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$',
      max_items: 20,
    },
    {
      name: 'repos',
      label: 'Repositories',
      description: 'Single repositories (owner/name) to ingest; each must be visible to the authorizing account. With neither orgs nor repos, the account\'s own repositories and organizations',
      type: 'string_list',
      pattern: '^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$',
      max_items: 50,
    },
  ],
  permissions: [
    { name: 'repo', reason: 'Read pull requests and commits of private repositories' },
    { name: 'read:org', reason: 'List the repositories of the organisations you belong to' },
  ],
  auth: 'oauth2',
  oauth: {
    authorize_url: 'https://github.com/login/oauth/authorize',
    token_url: 'https://github.com/login/oauth/access_token',
    scopes: ['repo', 'read:org'],
    scope_separator: ' ',
    pkce: true,
  },
  api_base_url: 'https://api.github.com',
  history_limit_days: 365,
} satisfies ManifestInput;
