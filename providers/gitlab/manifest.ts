// GitLab: deployments of chosen projects, through a personal, group or project access token (gitlab.com or self-managed).
import type { ManifestInput } from '../types.ts';

export const manifest = {
  type: 'gitlab',
  name: 'GitLab',
  category: 'source_control',
  description: 'Deployments of your GitLab projects: what was shipped where, and when, before an incident.',
  docs_url: 'https://docs.gitlab.com/api/deployments/',
  ingests: [{ kind: 'deployment', changes: { detection: 'modified_filter', deletions: 'none', how: 'Deployments with `updated_after` the window start, `order_by=updated_at&sort=desc` (newest first, so one updated while paging is never skipped): per project, ⌈deployments/100⌉ calls + 1 for the project. GitLab has no creation filter, so no listing is complete: a deleted deployment is not noticed.' }, description: 'Deployments with environment, ref, commit, status and who triggered them' }],
  permissions: [{ name: 'read_api', reason: 'Read projects and their deployments; Tributary never writes to GitLab' }],
  auth: 'api_key',
  credential_fields: [
    {
      name: 'private_token',
      label: 'Access token',
      description: 'A personal, group or project access token with the read_api scope (User settings → Access tokens); sent as PRIVATE-TOKEN',
      secret: true,
      pattern: '^[0-9a-zA-Z_.-]{20,100}$',
    },
    {
      name: 'projects',
      label: 'Projects',
      description: 'Comma-separated project ids or full paths to ingest, e.g. "acme/checkout,1234"',
      secret: false,
      pattern: '^ *[A-Za-z0-9_.\\-/]+( *, *[A-Za-z0-9_.\\-/]+){0,49} *$',
    },
  ],
  api_base_url: 'https://gitlab.com/api/v4',
  history_limit_days: 365,
} satisfies ManifestInput;
