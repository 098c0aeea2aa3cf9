// Linear: issues, through a personal API key (GraphQL API).
import type { ManifestInput } from '../types.ts';

export const manifest = {
  type: 'linear',
  name: 'Linear',
  category: 'ticketing',
  description: 'Linear issues: bugs and follow-ups filed around an incident, with team, state and priority.',
  docs_url: 'https://linear.app/developers/graphql',
  ingests: [{ kind: 'issue', changes: { detection: 'modified_filter', deletions: 'signal', how: '`issues(filter: {updatedAt: {gte, lt}}, orderBy: updatedAt, includeArchived: true)`: ⌈issues/100⌉ calls. Archived or trashed issues come with `archivedAt`/`trashed` and become tombstones; a backfill (a complete `createdAt` listing) also tombstones issues deleted for good.' }, description: 'Issues with identifier, team, workflow state, priority and assignee, by creation time' }],
  permissions: [{ name: 'Read (API key permission)', reason: 'Query issues; Tributary never creates or edits issues' }],
  auth: 'api_key',
  credential_fields: [
    {
      name: 'api_key',
      label: 'Personal API key',
      description: 'Settings → Account → Security & access → Personal API keys; "Read" permission is enough',
      secret: true,
      pattern: '^lin_api_[0-9a-zA-Z]{20,64}$',
    },
  ],
  api_base_url: 'https://api.linear.app',
  history_limit_days: 3650,
} satisfies ManifestInput;
