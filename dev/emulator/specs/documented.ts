// Documented shapes, encoded once, for the providers that publish no machine-readable description in any package
// registry: PagerDuty (its OpenAPI lives only in the PagerDuty/api-schema repository) and GitLab (no official
// package; community type packages over-require nested objects). JSON Schema (draft-07), written from each
// provider's API reference pages named below, as strict as those pages are; the conformance tests read them like
// the extracts. When the provider's documentation changes, change these by hand.
const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const time = { type: 'string', format: 'date-time' } as const;
const url = { type: 'string', format: 'uri' } as const;
const nullable = (s: object) => ({ anyOf: [s, { type: 'null' }] });
const arrayOf = (s: object) => ({ type: 'array', items: s });

/**
 * PagerDuty REST API v2 (developer.pagerduty.com/api-reference: "List incidents", "List log entries", "List
 * abilities", "Pagination", "Errors"; support.pagerduty.com "REST API rate limits" for the headers).
 */
export const PAGERDUTY = {
  'x-provenance': {
    source: 'documented shapes',
    file: 'dev/emulator/specs/documented.ts',
    license: 'n/a (written from developer.pagerduty.com/api-reference)',
    generated_by: 'hand-encoded',
    note: 'PagerDuty publishes its OpenAPI only in the PagerDuty/api-schema repository, not in a registry package',
  },
  definitions: {
    reference: {
      type: 'object',
      required: ['id', 'type', 'summary', 'self', 'html_url'],
      properties: { id: str, type: { type: 'string', pattern: '_reference$' }, summary: nullable(str), self: nullable(url), html_url: nullable(url) },
    },
    pagination: {
      type: 'object',
      required: ['limit', 'offset', 'more', 'total'],
      properties: { limit: { type: 'integer', minimum: 1, maximum: 100 }, offset: { type: 'integer', minimum: 0 }, more: bool, total: nullable(int) },
    },
    incident: {
      type: 'object',
      required: ['id', 'type', 'summary', 'self', 'html_url', 'incident_number', 'title', 'created_at', 'updated_at', 'status', 'incident_key', 'service', 'assignments', 'acknowledgements', 'last_status_change_at', 'last_status_change_by', 'first_trigger_log_entry', 'escalation_policy', 'teams', 'urgency', 'priority', 'alert_counts', 'is_mergeable', 'resolve_reason'],
      properties: {
        id: str,
        type: { const: 'incident' },
        summary: str,
        self: url,
        html_url: url,
        incident_number: int,
        title: str,
        created_at: time,
        updated_at: time,
        status: { enum: ['triggered', 'acknowledged', 'resolved'] },
        incident_key: nullable(str),
        service: { $ref: '#/definitions/reference' },
        assignments: arrayOf({ type: 'object', required: ['at', 'assignee'], properties: { at: time, assignee: { $ref: '#/definitions/reference' } } }),
        acknowledgements: arrayOf({ type: 'object', required: ['at', 'acknowledger'], properties: { at: time, acknowledger: { $ref: '#/definitions/reference' } } }),
        last_status_change_at: time,
        last_status_change_by: nullable({ $ref: '#/definitions/reference' }),
        first_trigger_log_entry: nullable({ $ref: '#/definitions/reference' }),
        escalation_policy: { $ref: '#/definitions/reference' },
        teams: arrayOf({ $ref: '#/definitions/reference' }),
        urgency: { enum: ['high', 'low'] },
        priority: nullable({ $ref: '#/definitions/reference' }),
        alert_counts: { type: 'object', required: ['all', 'triggered', 'resolved'], properties: { all: int, triggered: int, resolved: int } },
        is_mergeable: bool,
        resolve_reason: nullable({ type: 'object' }),
      },
    },
    log_entry: {
      type: 'object',
      required: ['id', 'type', 'summary', 'self', 'html_url', 'created_at', 'agent', 'channel', 'service', 'incident', 'teams', 'contexts'],
      properties: {
        id: str,
        type: {
          enum: ['acknowledge_log_entry', 'annotate_log_entry', 'assign_log_entry', 'delegate_log_entry', 'escalate_log_entry', 'exhaust_escalation_path_log_entry',
            'notify_log_entry', 'reach_ack_limit_log_entry', 'reach_trigger_limit_log_entry', 'repeat_escalation_path_log_entry', 'resolve_log_entry',
            'snooze_log_entry', 'trigger_log_entry', 'unacknowledge_log_entry', 'urgency_change_log_entry'],
        },
        summary: str,
        self: url,
        html_url: nullable(url),
        created_at: time,
        agent: nullable({ $ref: '#/definitions/reference' }),
        channel: { type: 'object', required: ['type'], properties: { type: str } },
        service: { $ref: '#/definitions/reference' },
        // A reference, or with `include[]=incidents` the incident itself.
        incident: { anyOf: [{ $ref: '#/definitions/incident' }, { $ref: '#/definitions/reference' }] },
        teams: arrayOf({ $ref: '#/definitions/reference' }),
        contexts: { type: 'array' },
      },
    },
    incidents: { allOf: [{ $ref: '#/definitions/pagination' }, { type: 'object', required: ['incidents'], properties: { incidents: arrayOf({ $ref: '#/definitions/incident' }) } }] },
    log_entries: { allOf: [{ $ref: '#/definitions/pagination' }, { type: 'object', required: ['log_entries'], properties: { log_entries: arrayOf({ $ref: '#/definitions/log_entry' }) } }] },
    abilities: { type: 'object', required: ['abilities'], properties: { abilities: arrayOf(str) } },
    error: {
      type: 'object',
      required: ['error'],
      properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: int, message: str, errors: arrayOf(str) } } },
    },
  },
} as const;

/**
 * GitLab REST API v4 (docs.gitlab.com/api/deployments "List project deployments", /api/projects "Get a single
 * project", /api/rest "Pagination", "Status codes"; /user/gitlab_com "Rate limits" for the headers).
 */
export const GITLAB = {
  'x-provenance': {
    source: 'documented shapes',
    file: 'dev/emulator/specs/documented.ts',
    license: 'n/a (written from docs.gitlab.com/api)',
    generated_by: 'hand-encoded',
    note: 'GitLab publishes no OpenAPI for v4 deployments in a registry package; @gitbeaker/core types over-require nested objects',
  },
  definitions: {
    user: { type: 'object', required: ['id', 'name', 'username', 'state', 'avatar_url', 'web_url'], properties: { id: int, name: str, username: str, state: str, avatar_url: nullable(str), web_url: url } },
    environment: {
      type: 'object',
      required: ['id', 'name', 'slug', 'external_url', 'state', 'tier', 'created_at', 'updated_at'],
      properties: { id: int, name: str, slug: str, external_url: nullable(str), state: { enum: ['available', 'stopping', 'stopped'] }, tier: { enum: ['production', 'staging', 'testing', 'development', 'other'] }, created_at: time, updated_at: time },
    },
    deployment: {
      type: 'object',
      required: ['id', 'iid', 'ref', 'sha', 'created_at', 'updated_at', 'status', 'user', 'environment', 'deployable'],
      properties: {
        id: int,
        iid: int,
        ref: str,
        sha: { type: 'string', pattern: '^[0-9a-f]{40}$' },
        created_at: time,
        updated_at: time,
        status: { enum: ['created', 'running', 'success', 'failed', 'canceled', 'blocked'] },
        user: { $ref: '#/definitions/user' },
        environment: { $ref: '#/definitions/environment' },
        deployable: nullable({
          type: 'object',
          required: ['id', 'status', 'stage', 'name', 'ref', 'tag', 'created_at', 'started_at', 'finished_at', 'commit', 'pipeline', 'user'],
          properties: {
            id: int, status: str, stage: str, name: str, ref: str, tag: bool, coverage: nullable({ type: 'number' }),
            created_at: time, started_at: nullable(time), finished_at: nullable(time), duration: nullable({ type: 'number' }),
            commit: { type: 'object', required: ['id', 'short_id', 'title', 'message', 'author_name', 'author_email', 'created_at', 'web_url'], properties: { id: str, short_id: str, title: str, message: str, author_name: str, author_email: str, created_at: time, web_url: url } },
            pipeline: { type: 'object', required: ['id', 'iid', 'project_id', 'sha', 'ref', 'status', 'source', 'created_at', 'updated_at', 'web_url'], properties: { id: int, iid: int, project_id: int, sha: str, ref: str, status: str, source: str, created_at: time, updated_at: time, web_url: url } },
            user: { $ref: '#/definitions/user' },
          },
        }),
      },
    },
    deployments: arrayOf({ $ref: '#/definitions/deployment' }),
    project: {
      type: 'object',
      required: ['id', 'name', 'path', 'path_with_namespace', 'web_url', 'default_branch', 'visibility', 'created_at', 'last_activity_at'],
      properties: { id: int, name: str, path: str, path_with_namespace: str, web_url: url, default_branch: nullable(str), visibility: { enum: ['private', 'internal', 'public'] }, created_at: time, last_activity_at: time },
    },
    // `{"message": "401 Unauthorized"}`; validation errors carry a message object or an `error` string.
    error: { type: 'object', anyOf: [{ required: ['message'] }, { required: ['error'] }], properties: { message: { anyOf: [str, { type: 'object' }] }, error: str } },
  },
} as const;
