// Opsgenie: alerts, through an API integration key (`Authorization: GenieKey …`), US or EU instance.
import type { ManifestInput } from '../types.ts';

export const manifest = {
  type: 'opsgenie',
  name: 'Opsgenie',
  category: 'incident_management',
  description: 'Alerts from Opsgenie: what paged whom, when, and how it was handled.',
  docs_url: 'https://docs.opsgenie.com/docs/alert-api',
  ingests: [{ kind: 'alert', changes: { detection: 'modified_filter', deletions: 'listing', how: 'Alerts listed newest-modified first (`sort=updatedAt&order=desc`) until one was last updated before the window: ⌈alerts updated since the window start/100⌉ calls. Newest first, so an alert updated while the list is paged moves ahead and none is skipped. Deleted alerts vanish: a backfill (a complete `createdAt` listing of its chunk) tombstones them.' }, description: 'Alerts with status, priority, tags, owner team and source' }],
  permissions: [{ name: 'API integration with Read access', reason: 'List alerts; Tributary never creates, acknowledges or closes alerts' }],
  auth: 'api_key',
  credential_fields: [
    {
      name: 'api_key',
      label: 'API key',
      description: 'The key of an "API" integration with only "Read" access enabled (Settings → Integrations → API)',
      secret: true,
      pattern: '^[0-9a-zA-Z_-]{16,64}$',
    },
    {
      name: 'region',
      label: 'Region',
      description: '"us" (api.opsgenie.com, the default) or "eu" (api.eu.opsgenie.com)',
      secret: false,
      required: false,
      pattern: '^(us|eu)$',
    },
  ],
  api_base_url: 'https://api.opsgenie.com',
  history_limit_days: 365,
} satisfies ManifestInput;
