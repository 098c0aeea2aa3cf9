// GitHub: deployments, pull requests and commits, through an OAuth app (PKCE supported).
import type { ManifestInput } from '../types.ts';

export const manifest = {
  type: 'github',
  name: 'GitHub',
  category: 'source_control',
  description: 'Merged pull requests and commits: what changed before an incident.',
  docs_url: 'https://docs.github.com/en/rest',
  ingests: [
    { kind: 'pull_request', description: 'Pull requests with merge times and authors' },
    { kind: 'commit', description: 'Commits on default branches' },
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
