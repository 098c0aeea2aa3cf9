// Datadog: events (monitor alerts, deploys, custom events) through an API key plus an application key,
// on the user's Datadog site (each site has its own API host).
import type { ManifestInput } from '../types.ts';

export const manifest = {
  type: 'datadog',
  name: 'Datadog',
  category: 'monitoring',
  description: 'Events from the Datadog Events Explorer: monitor alerts and recoveries, deploys, custom events.',
  docs_url: 'https://docs.datadoghq.com/api/latest/events/',
  ingests: [{ kind: 'event', changes: { detection: 'immutable', deletions: 'none', how: 'Events never change: `filter[from]/filter[to]` on the event timestamp, ⌈events/1000⌉ calls. Nothing to update or delete (retention removes them after 15 days; Tributary keeps its copy).' }, description: 'Events with source, status, priority, tags and the monitor that raised them' }],
  permissions: [
    { name: 'API key', reason: 'Identifies your Datadog organisation' },
    { name: 'Application key with the events_read scope', reason: 'Read events; Tributary never posts events or changes monitors' },
  ],
  auth: 'api_key',
  credential_fields: [
    { name: 'api_key', label: 'API key', description: 'Organization Settings → API Keys', secret: true, pattern: '^[0-9a-zA-Z_]{20,64}$' },
    {
      name: 'application_key',
      label: 'Application key',
      description: 'Organization Settings → Application Keys; scope it to events_read',
      secret: true,
      pattern: '^[0-9a-zA-Z_]{20,64}$',
    },
    {
      name: 'site',
      label: 'Datadog site',
      description: 'The site in your Datadog URL: datadoghq.com (default), us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, uk1.datadoghq.com, ddog-gov.com',
      secret: false,
      required: false,
      pattern: '^(datadoghq\\.com|us3\\.datadoghq\\.com|us5\\.datadoghq\\.com|datadoghq\\.eu|ap1\\.datadoghq\\.com|ap2\\.datadoghq\\.com|uk1\\.datadoghq\\.com|ddog-gov\\.com|us2\\.ddog-gov\\.com)$',
    },
  ],
  api_base_url: 'https://api.datadoghq.com',
  history_limit_days: 15,
} satisfies ManifestInput;
