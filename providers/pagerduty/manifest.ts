// PagerDuty: incidents and their log entries, via a REST API key or a scoped OAuth app (PKCE).
import type { ManifestInput } from '../types.ts';

export const manifest = {
  type: 'pagerduty',
  name: 'PagerDuty',
  category: 'incident_management',
  description: 'Incidents, their timelines (log entries) and who responded, from PagerDuty.',
  docs_url: 'https://developer.pagerduty.com/api-reference/',
  ingests: [
    {
      kind: 'incident',
      description: 'Incidents with status, urgency, service and assignments',
      changes: {
        detection: 'change_events',
        deletions: 'none',
        how: '`/incidents` filters only by creation. An incremental sync reads the log entries of its window with `include[]=incidents` (each touched incident as it is now; no extra call) and re-reads the incidents still open (`date_range=all&statuses[]=triggered&statuses[]=acknowledged`): ⌈entries/100⌉ + ⌈open incidents/100⌉ calls. PagerDuty incidents cannot be deleted.',
      },
    },
    {
      kind: 'log_entry',
      description: 'Incident timeline entries: triggers, acknowledgements, resolutions',
      changes: { detection: 'immutable', deletions: 'none', how: 'Log entries never change: `/log_entries?since&until` by creation, ⌈entries/100⌉ calls (the same calls that bring the incidents).' },
    },
  ],
  permissions: [
    { name: 'Read-only REST API key', reason: 'List incidents and log entries; Tributary never writes to PagerDuty' },
    { name: 'incidents.read (OAuth)', reason: 'List incidents and their log entries' },
    { name: 'abilities.read (OAuth)', reason: 'The connection test: the cheapest call an authorized app can make' },
  ],
  auth: 'api_key',
  auth_methods: ['api_key', 'oauth2'],
  oauth: {
    authorize_url: 'https://identity.pagerduty.com/oauth/authorize',
    token_url: 'https://identity.pagerduty.com/oauth/token',
    scopes: ['incidents.read', 'abilities.read'],
    scope_separator: ' ',
    pkce: true,
  },
  credential_fields: [
    {
      name: 'api_key',
      label: 'REST API key',
      description: 'A read-only General Access REST API key (Integrations → API Access Keys)',
      secret: true,
      pattern: '^[\\x21-\\x7E]{16,64}$', // printable ASCII: the same set for every regex engine (JS and Python disagree on \S)
    },
  ],
  api_base_url: 'https://api.pagerduty.com',
  history_limit_days: 365,
} satisfies ManifestInput;
