// @tributary/sdk: the generated types and client of the Tributary API, plus helpers for what users do most.
export { createTributary, Tributary, unwrap, AUTHORIZATION_ENDED_REASONS } from './client.ts';
export type { TributaryOptions, PollOptions, Connector, ConnectorType, ConnectorTypeName, SyncRun, Backfill, Change, ChangesPage, ConnectionTestResult, Credentials, CreateConnectorInput, ApiKey, ConnectSession } from './client.ts';
export { TributaryError, type FieldIssue } from './errors.ts';
export { paginate, type Page } from './pages.ts';
export { verifyWebhook, WebhookVerificationError, type WebhookEvent } from './webhooks.ts';
export type { paths, components, operations, webhooks } from './generated/openapi.ts';
