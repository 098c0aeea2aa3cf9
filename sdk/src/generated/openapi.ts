// Generated from the Tributary OpenAPI document by openapi-typescript (npm run sdk:build). Do not edit:
// test/sdk-generated.test.ts fails when this file differs from what the API's document generates.
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness (no key needed) */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: PostgreSQL and Temporal reachable (no key needed) */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/oauth/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start page of an authorization (the `authorize_url`; opened by the user's browser)
         * @description Names the workspace, connector, provider and requested scopes of the authorization, then links on to the provider. No API key; the state authenticates. Someone who was forwarded the link sees whose connector it is before any consent.
         */
        get: operations["oauthStart"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/oauth/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * OAuth redirect URI (called by the provider through the user's browser)
         * @description The only redirect URI to register with a provider: `{PUBLIC_URL}/v1/connectors/oauth/callback`. No API key; the single-use state authenticates. Redirects to the return URL given at authorize time, or shows a small result page.
         */
        get: operations["oauthCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connector-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List connector types */
        get: operations["listConnectorTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connector-types/{type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one connector type */
        get: operations["getConnectorType"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List connectors, newest first */
        get: operations["listConnectors"];
        put?: never;
        /**
         * Create a connector (status pending)
         * @description The type decides which `config` is allowed (its `config_fields`). With a connect session: once, and of the session's type.
         */
        post: operations["createConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a connector */
        get: operations["getConnector"];
        put?: never;
        post?: never;
        /** Delete a connector: removes its credentials and stops its workflows */
        delete: operations["deleteConnector"];
        options?: never;
        head?: never;
        /**
         * Rename a connector or replace its configuration
         * @description The configuration is checked against the type's `config_fields` here, and against the provider (what the credentials can see) by the next connection test (`POST /connectors/{id}/test`).
         */
        patch: operations["updateConnector"];
        trace?: never;
    };
    "/v1/connectors/{id}/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Store API-key credentials and test them (onboarding)
         * @description Body: the credential fields the connector's type declares (`GET /v1/connector-types/{type}`). Runs the onboarding workflow and returns the connection test result; on success the connector is `connected`. A connector this call connected has its schedule and its first sync started (`first_sync_run_id`).
         */
        put: operations["putConnectorCredentials"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Test the connector's stored credentials */
        post: operations["testConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/oauth/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start (or restart) the OAuth authorization of a connector
         * @description Returns the provider authorization URL to send the user to. Starts the onboarding workflow `onboarding/con_…`, which waits 10 minutes for the callback. A new call supersedes the previous link. Re-authorizing an `oauth_expired` connector returns it to `connected` under the same id. The response is not stored for Idempotency-Key replay (it carries a single-use state).
         */
        post: operations["authorizeConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/oauth-apps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List this workspace's own OAuth apps */
        get: operations["listOAuthApps"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/oauth-apps/{type}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read this workspace's OAuth app for a type (never the secret) */
        get: operations["getOAuthApp"];
        /**
         * Set (or replace) this workspace's OAuth app for an OAuth provider type
         * @description Authorize, code exchange and token refresh of this workspace's connectors of the type use this app instead of the service-level one. Connectors authorized with another client id become `oauth_expired` (`oauth_app_changed`) at their next refresh and must be re-authorized; a new secret for the same client id keeps them working.
         */
        put: operations["putOAuthApp"];
        post?: never;
        /** Remove this workspace's OAuth app (the service-level app applies again) */
        delete: operations["deleteOAuthApp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sync now (or get the sync already in flight) */
        post: operations["syncConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/sync-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sync history, newest first */
        get: operations["listSyncRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/sync-runs/{run_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sync run */
        get: operations["getSyncRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the connector ingested, newest first */
        get: operations["listRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sync schedule and its next run */
        get: operations["getSchedule"];
        /**
         * Set the sync schedule
         * @description Either {"interval_minutes": n} (5–10080) or {"cron": "m h dom mon dow", "timezone": "Europe/Berlin"} (timezone defaults to UTC; any letter case, stored canonical). 200 once Temporal runs it; 202 when it is stored and will be applied as soon as Temporal can be reached (`applied: false`).
         */
        put: operations["putSchedule"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause: no scheduled or manual syncs until resumed */
        post: operations["pauseConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused connector and its schedule */
        post: operations["resumeConnector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List endpoints */
        get: operations["listWebhooks"];
        put?: never;
        /** Create an endpoint (the signing secret is returned once; a ping is sent) */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an endpoint */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete an endpoint */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /** Change url, filters or enabled (re-enabling resets the failure count) */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace the signing secret (returned once) */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery log: attempts with status code, latency, error, next retry */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deliver the same event again (same webhook-id) */
        post: operations["redeliverWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/backfills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Backfills, newest first */
        get: operations["listBackfills"];
        put?: never;
        /**
         * Backfill [start, end) in chunks
         * @description Chunks already committed by an earlier failed or cancelled backfill of this connector with the same chunk window are skipped, so re-posting the same request resumes it.
         */
        post: operations["createBackfill"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/backfills/{backfill_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One backfill and its progress */
        get: operations["getBackfill"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/backfills/{backfill_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel: stop after the current page, keep what was committed */
        post: operations["cancelBackfill"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The connector's record changes, in commit order
         * @description Follow `next_cursor` (as `after`) to see every change exactly once, in order, even while syncs and backfills commit concurrently.
         */
        get: operations["listConnectorChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every record change of the workspace, in commit order
         * @description Cursors are shared with the per-connector feed. A deleted connector's changes stay in this feed.
         */
        get: operations["listChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the workspace's API keys, newest first (never their plaintext) */
        get: operations["listApiKeys"];
        put?: never;
        /**
         * Create an API key (its plaintext is in this answer only)
         * @description The answer is never stored for `Idempotency-Key` replay: a repeated key is a 409 naming the key made.
         */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an API key (never its plaintext) */
        get: operations["getApiKey"];
        put?: never;
        post?: never;
        /** Revoke an API key: every later request with it is a 401, at once */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connect-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a connect session: a short-lived token for one browser to complete one connection
         * @description The token (shown once) may list the catalog (or the one type), create one connector (or use `connector_id`), store its credentials or authorize it, and test it — nothing else. It expires after `CONNECT_SESSION_TTL_MINUTES` (default 30) and is spent once its connector is seen connected. Open `connect_url` in an iframe or a popup from one of `allowed_origins`: it posts `tributary:connected` to the opener or parent window on success.
         */
        post: operations["createConnectSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connect-sessions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The connect session of the token used (connect-session tokens only)
         * @description An API key has no current session: 404.
         */
        get: operations["getCurrentConnectSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connect-sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a connect session: whether its connection is complete (`used_at`) and its connector */
        get: operations["getConnectSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    ping: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sent once to a new endpoint
         * @description POSTed to each enabled endpoint whose filters match, signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff over more than 24 hours.
         */
        post: operations["onPing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "connector.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A connector was created (status pending)
         * @description POSTed to each enabled endpoint whose filters match, signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff over more than 24 hours.
         */
        post: operations["onConnectorCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "connector.status_changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A connector changed status (pending → connected, connected → error, → oauth_expired, paused …), with the reason
         * @description POSTed to each enabled endpoint whose filters match, signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff over more than 24 hours.
         */
        post: operations["onConnectorStatusChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "connector.deleted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A connector was deleted
         * @description POSTed to each enabled endpoint whose filters match, signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff over more than 24 hours.
         */
        post: operations["onConnectorDeleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "sync_run.succeeded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A sync run finished: what it read and changed, and where its changes are in the feed
         * @description POSTed to each enabled endpoint whose filters match, signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff over more than 24 hours.
         */
        post: operations["onSyncRunSucceeded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "sync_run.failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A sync run failed after its retries (what it committed stays committed)
         * @description POSTed to each enabled endpoint whose filters match, signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff over more than 24 hours.
         */
        post: operations["onSyncRunFailed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "records.changed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A sync run or backfill changed records: read them from the changes feed (`changes.after` … `changes.until`)
         * @description POSTed to each enabled endpoint whose filters match, signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff over more than 24 hours.
         */
        post: operations["onRecordsChanged"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "backfill.succeeded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A backfill finished every chunk
         * @description POSTed to each enabled endpoint whose filters match, signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff over more than 24 hours.
         */
        post: operations["onBackfillSucceeded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "backfill.failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A backfill stopped at a failing chunk
         * @description POSTed to each enabled endpoint whose filters match, signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff over more than 24 hours.
         */
        post: operations["onBackfillFailed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "backfill.cancelled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A backfill was cancelled (committed chunks stay)
         * @description POSTed to each enabled endpoint whose filters match, signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff over more than 24 hours.
         */
        post: operations["onBackfillCancelled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook_endpoint.disabled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An endpoint was disabled after consecutive failed deliveries
         * @description POSTed to each enabled endpoint whose filters match, signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff over more than 24 hours.
         */
        post: operations["onWebhookEndpointDisabled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        PingEvent: {
            /** @description The event id (also `webhook-id`) */
            id: string;
            /** @enum {string} */
            type: "ping";
            /** @description When the event happened (ISO-8601) */
            timestamp: string;
            data: {
                webhook: {
                    id: string;
                };
            };
        };
        ConnectorCreatedEvent: {
            /** @description The event id (also `webhook-id`) */
            id: string;
            /** @enum {string} */
            type: "connector.created";
            /** @description When the event happened (ISO-8601) */
            timestamp: string;
            data: {
                connector: components["schemas"]["EventConnector"];
                /** @enum {string} */
                status: "pending";
            };
        };
        EventConnector: {
            id: string;
            type: string;
            name: string;
        };
        ConnectorStatusChangedEvent: {
            /** @description The event id (also `webhook-id`) */
            id: string;
            /** @enum {string} */
            type: "connector.status_changed";
            /** @description When the event happened (ISO-8601) */
            timestamp: string;
            data: {
                connector: components["schemas"]["EventConnector"];
                /** @enum {string} */
                from: "pending" | "connected" | "paused" | "error" | "oauth_expired";
                /** @enum {string} */
                to: "pending" | "connected" | "paused" | "error" | "oauth_expired";
                reason: string;
                message: string | null;
            };
        };
        ConnectorDeletedEvent: {
            /** @description The event id (also `webhook-id`) */
            id: string;
            /** @enum {string} */
            type: "connector.deleted";
            /** @description When the event happened (ISO-8601) */
            timestamp: string;
            data: {
                connector: components["schemas"]["EventConnector"];
                /** @enum {string} */
                status: "pending" | "connected" | "paused" | "error" | "oauth_expired";
            };
        };
        SyncRunSucceededEvent: {
            /** @description The event id (also `webhook-id`) */
            id: string;
            /** @enum {string} */
            type: "sync_run.succeeded";
            /** @description When the event happened (ISO-8601) */
            timestamp: string;
            data: {
                connector: components["schemas"]["EventConnector"];
                sync_run: components["schemas"]["SyncRunEvent"];
            };
        };
        SyncRunEvent: {
            id: string;
            /** @enum {string} */
            trigger: "schedule" | "manual" | "onboarding";
            records_fetched: number;
            records_added: number;
            records_updated: number;
            records_unchanged: number;
            records_deleted: number;
            pages: number;
            window: {
                start: string;
                end: string;
            } | null;
            changes: components["schemas"]["ChangesRange"] | null;
            error: {
                code: string;
                message: string;
            } | null;
        };
        ChangesRange: {
            /** @description Feed cursor just before the first change */
            after: string;
            /** @description Feed cursor of the last change (inclusive) */
            until: string;
            /** @description How many changes are this run's (others may interleave: filter by `source`) */
            count: number;
        };
        SyncRunFailedEvent: {
            /** @description The event id (also `webhook-id`) */
            id: string;
            /** @enum {string} */
            type: "sync_run.failed";
            /** @description When the event happened (ISO-8601) */
            timestamp: string;
            data: {
                connector: components["schemas"]["EventConnector"];
                sync_run: components["schemas"]["SyncRunEvent"];
            };
        };
        RecordsChangedEvent: {
            /** @description The event id (also `webhook-id`) */
            id: string;
            /** @enum {string} */
            type: "records.changed";
            /** @description When the event happened (ISO-8601) */
            timestamp: string;
            data: {
                connector: components["schemas"]["EventConnector"];
                records_fetched: number;
                records_added: number;
                records_updated: number;
                records_unchanged: number;
                records_deleted: number;
                source: {
                    /** @enum {string} */
                    type: "sync_run" | "backfill";
                    id: string;
                };
                changes: components["schemas"]["ChangesRange"];
            };
        };
        BackfillSucceededEvent: {
            /** @description The event id (also `webhook-id`) */
            id: string;
            /** @enum {string} */
            type: "backfill.succeeded";
            /** @description When the event happened (ISO-8601) */
            timestamp: string;
            data: {
                connector: components["schemas"]["EventConnector"];
                backfill: components["schemas"]["BackfillEvent"];
            };
        };
        BackfillEvent: {
            id: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            window: {
                start: string;
                end: string;
            };
            chunks_total: number;
            records: number;
            records_added: number;
            records_updated: number;
            records_unchanged: number;
            records_deleted: number;
            changes: components["schemas"]["ChangesRange"] | null;
            error: {
                code: string;
                message: string;
                chunk?: number;
                window?: {
                    start: string;
                    end: string;
                };
            } | null;
        };
        BackfillFailedEvent: {
            /** @description The event id (also `webhook-id`) */
            id: string;
            /** @enum {string} */
            type: "backfill.failed";
            /** @description When the event happened (ISO-8601) */
            timestamp: string;
            data: {
                connector: components["schemas"]["EventConnector"];
                backfill: components["schemas"]["BackfillEvent"];
            };
        };
        BackfillCancelledEvent: {
            /** @description The event id (also `webhook-id`) */
            id: string;
            /** @enum {string} */
            type: "backfill.cancelled";
            /** @description When the event happened (ISO-8601) */
            timestamp: string;
            data: {
                connector: components["schemas"]["EventConnector"];
                backfill: components["schemas"]["BackfillEvent"];
            };
        };
        WebhookEndpointDisabledEvent: {
            /** @description The event id (also `webhook-id`) */
            id: string;
            /** @enum {string} */
            type: "webhook_endpoint.disabled";
            /** @description When the event happened (ISO-8601) */
            timestamp: string;
            data: {
                webhook: {
                    id: string;
                    url: string;
                };
                reason: string;
            };
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "unavailable";
            checks?: {
                [key: string]: {
                    ok: boolean;
                    error?: string;
                };
            };
        };
        Error: {
            error: {
                code: string;
                message: string;
                details: {
                    field: string;
                    message: string;
                }[];
            };
        };
        ConnectorType: {
            type: components["schemas"]["ConnectorTypeName"];
            name: string;
            /** @enum {string} */
            category: "incident_management" | "monitoring" | "source_control" | "chat" | "ticketing";
            description: string;
            docs_url: string;
            ingests: {
                kind: string;
                description: string;
                changes: {
                    /**
                     * @description How an incremental sync learns of changes: a modification filter, the provider's change events, a re-read of recent records, or never (immutable)
                     * @enum {string}
                     */
                    detection: "modified_filter" | "change_events" | "reread" | "immutable";
                    /**
                     * @description How deletions reach Tributary: the provider says so (signal), a complete listing lacks the record (listing), or not at all
                     * @enum {string}
                     */
                    deletions: "signal" | "listing" | "none";
                    /** @description The calls made and what they cost */
                    how: string;
                    reread_hours?: number;
                };
            }[];
            permissions: {
                name: string;
                reason: string;
            }[];
            /**
             * @description The primary way to connect
             * @enum {string}
             */
            auth: "oauth2" | "api_key";
            /** @description Every way this type can be connected (PagerDuty: API key or OAuth) */
            auth_methods: ("oauth2" | "api_key")[];
            /** @description True when the type can be connected through OAuth */
            oauth: boolean;
            pkce: boolean;
            credential_fields: {
                name: string;
                label: string;
                description: string;
                secret: boolean;
                required: boolean;
            }[];
            /** @description Non-secret settings: POST /connectors `config`, PATCH /connectors/{id} */
            config_fields: {
                name: string;
                label: string;
                description: string;
                /** @enum {string} */
                type: "string" | "string_list";
                pattern?: string;
                max_items: number;
            }[];
            history_limit_days: number;
            /** @description True in demo mode: this type talks to the local provider emulator */
            emulated: boolean;
        };
        /**
         * @description A connector type of the catalog
         * @example pagerduty
         * @enum {string}
         */
        ConnectorTypeName: "pagerduty" | "opsgenie" | "datadog" | "sentry" | "github" | "gitlab" | "slack" | "jira" | "linear";
        Connector: {
            id: string;
            workspace_id: string;
            type: components["schemas"]["ConnectorTypeName"];
            name: string;
            /** @enum {string} */
            auth: "oauth2" | "api_key";
            /** @enum {string} */
            status: "pending" | "connected" | "paused" | "error" | "oauth_expired";
            status_reason: string | null;
            status_message: string | null;
            status_changed_at: string;
            has_credentials: boolean;
            /**
             * @description Non-secret settings of the type (`config_fields` in the catalog)
             * @example {
             *       "orgs": [
             *         "acme"
             *       ],
             *       "repos": []
             *     }
             */
            config: {
                [key: string]: string | string[];
            };
            last_test: {
                at: string;
                success: boolean;
                latency_ms: number | null;
                error: {
                    code: string;
                    message: string;
                } | null;
            } | null;
            created_at: string;
            updated_at: string;
        };
        CreatePagerDutyConnector: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "pagerduty";
            /** @example PagerDuty (production) */
            name?: string;
            config?: components["schemas"]["NoConfig"];
        };
        /** @description This connector type has no settings */
        NoConfig: Record<string, never>;
        CreateOpsgenieConnector: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "opsgenie";
            /** @example PagerDuty (production) */
            name?: string;
            config?: components["schemas"]["NoConfig"];
        };
        CreateDatadogConnector: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "datadog";
            /** @example PagerDuty (production) */
            name?: string;
            config?: components["schemas"]["NoConfig"];
        };
        CreateSentryConnector: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "sentry";
            /** @example PagerDuty (production) */
            name?: string;
            config?: components["schemas"]["NoConfig"];
        };
        CreateGitHubConnector: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "github";
            /** @example PagerDuty (production) */
            name?: string;
            config?: components["schemas"]["GitHubConfig"];
        };
        /** @description GitHub's settings */
        GitHubConfig: {
            /** @description Organizations: Organizations (or users) whose repositories to ingest; each must be visible to the authorizing account */
            orgs?: string[];
            /** @description Repositories: Single repositories (owner/name) to ingest; each must be visible to the authorizing account. With neither orgs nor repos, the account's own repositories and organizations */
            repos?: string[];
        };
        CreateGitLabConnector: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "gitlab";
            /** @example PagerDuty (production) */
            name?: string;
            config?: components["schemas"]["NoConfig"];
        };
        CreateSlackConnector: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "slack";
            /** @example PagerDuty (production) */
            name?: string;
            config?: components["schemas"]["NoConfig"];
        };
        CreateJiraConnector: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "jira";
            /** @example PagerDuty (production) */
            name?: string;
            config?: components["schemas"]["NoConfig"];
        };
        CreateLinearConnector: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "linear";
            /** @example PagerDuty (production) */
            name?: string;
            config?: components["schemas"]["NoConfig"];
        };
        CredentialsResult: {
            connector: components["schemas"]["Connector"];
            test: components["schemas"]["ConnectionTestResult"];
            /** @description The first sync this call started (poll `GET /v1/connectors/{id}/sync-runs/{run_id}`); null when it connected nothing (a failed test, a re-key of a connected connector) */
            first_sync_run_id: string | null;
            workflow_id: string;
            temporal_ui_url: string;
        };
        ConnectionTestResult: {
            success: boolean;
            latency_ms: number;
            error?: {
                code: string;
                message: string;
            };
        };
        /** @description Credentials of a PagerDuty connector */
        PagerDutyCredentials: {
            /**
             * @description Optional: the connector's type (another type is a 409)
             * @enum {string}
             */
            type?: "pagerduty";
            /**
             * Format: password
             * @description REST API key: A read-only General Access REST API key (Integrations → API Access Keys)
             */
            api_key: string;
        };
        /** @description Credentials of a Opsgenie connector */
        OpsgenieCredentials: {
            /**
             * @description Optional: the connector's type (another type is a 409)
             * @enum {string}
             */
            type?: "opsgenie";
            /**
             * Format: password
             * @description API key: The key of an "API" integration with only "Read" access enabled (Settings → Integrations → API)
             */
            api_key: string;
            /** @description Region: "us" (api.opsgenie.com, the default) or "eu" (api.eu.opsgenie.com) */
            region?: string;
        };
        /** @description Credentials of a Datadog connector */
        DatadogCredentials: {
            /**
             * @description Optional: the connector's type (another type is a 409)
             * @enum {string}
             */
            type?: "datadog";
            /**
             * Format: password
             * @description API key: Organization Settings → API Keys
             */
            api_key: string;
            /**
             * Format: password
             * @description Application key: Organization Settings → Application Keys; scope it to events_read
             */
            application_key: string;
            /** @description Datadog site: The site in your Datadog URL: datadoghq.com (default), us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ap2.datadoghq.com, uk1.datadoghq.com, ddog-gov.com */
            site?: string;
        };
        /** @description Credentials of a Sentry connector */
        SentryCredentials: {
            /**
             * @description Optional: the connector's type (another type is a 409)
             * @enum {string}
             */
            type?: "sentry";
            /**
             * Format: password
             * @description Auth token: An organization auth token or a personal token with org:read, project:read and event:read (Settings → Auth Tokens)
             */
            auth_token: string;
            /** @description Organization slug: The slug in your Sentry URL (https://<slug>.sentry.io) */
            organization: string;
        };
        /** @description Credentials of a GitLab connector */
        GitLabCredentials: {
            /**
             * @description Optional: the connector's type (another type is a 409)
             * @enum {string}
             */
            type?: "gitlab";
            /**
             * Format: password
             * @description Access token: A personal, group or project access token with the read_api scope (User settings → Access tokens); sent as PRIVATE-TOKEN
             */
            private_token: string;
            /** @description Projects: Comma-separated project ids or full paths to ingest, e.g. "acme/checkout,1234" */
            projects: string;
        };
        /** @description Credentials of a Linear connector */
        LinearCredentials: {
            /**
             * @description Optional: the connector's type (another type is a 409)
             * @enum {string}
             */
            type?: "linear";
            /**
             * Format: password
             * @description Personal API key: Settings → Account → Security & access → Personal API keys; "Read" permission is enough
             */
            api_key: string;
        };
        OAuthAuthorization: {
            /** @description Send the user's browser here: Tributary's start page, which names the workspace and connector and then links on to the provider's authorization page (client id, redirect URI, scopes, state, PKCE challenge) */
            authorize_url: string;
            /** @description The link (and its state) dies at this time */
            expires_at: string;
            workflow_id: string;
            temporal_ui_url: string;
        };
        OAuthApp: {
            type: components["schemas"]["ConnectorTypeName"];
            client_id: string;
            /** @description The scopes set on the app; null = the manifest's */
            scopes: components["schemas"]["OAuthScope"][] | null;
            /** @description What authorize requests with this app */
            requested_scopes: components["schemas"]["OAuthScope"][];
            /**
             * @description Register exactly this callback URL with the provider
             * @example https://tributary.example.com/v1/connectors/oauth/callback
             */
            redirect_uri: string;
            created_at: string;
            updated_at: string;
        };
        /**
         * @description An OAuth scope of some provider type; a type accepts only its own
         * @enum {string}
         */
        OAuthScope: "incidents.read" | "abilities.read" | "repo" | "read:org" | "channels:read" | "channels:history" | "groups:read" | "groups:history" | "read:jira-work" | "read:jira-user" | "offline_access";
        SyncAccepted: {
            sync_run_id: string;
            already_running: boolean;
            status_url: string;
        };
        SyncRun: {
            id: string;
            connector_id: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled" | "skipped";
            /** @enum {string} */
            trigger: "schedule" | "manual" | "onboarding";
            window: {
                start: string;
                end: string;
            } | null;
            /** @description Records read from the provider (= added + updated + unchanged + deleted by the provider) */
            records_fetched: number;
            /** @description New records (first version) */
            records_added: number;
            /** @description Records whose content changed (a new version) */
            records_updated: number;
            /** @description Fetched again with identical content: no new version */
            records_unchanged: number;
            /** @description Tombstones: deleted at the provider, or missing from a complete listing */
            records_deleted: number;
            pages: number;
            /** @description Where this run's changes are in the changes feed: read `GET /v1/connectors/{id}/changes?after=…&until=…`; null when it changed nothing */
            changes: components["schemas"]["ChangesRange"] | null;
            error: {
                code: string;
                message: string;
            } | null;
            log: {
                at: string;
                /** @enum {string} */
                level: "info" | "warn" | "error";
                message: string;
            }[];
            workflow_id: string | null;
            temporal_ui_url: string | null;
            created_at: string;
            started_at: string | null;
            finished_at: string | null;
        };
        Record: {
            kind: string;
            external_id: string;
            occurred_at: string;
            title: string;
            url: string | null;
            raw?: unknown;
            /** @description Tombstone: when it was found deleted at the provider */
            deleted_at: string | null;
            first_seen_at: string;
            /** @description When its content last changed (its current version's time) */
            last_changed_at: string;
            /** @description Starts at 1; grows by one with each real change (a re-fetch of identical content is not one) */
            version: number;
        };
        Schedule: {
            interval_minutes: number | null;
            cron: string | null;
            timezone: string | null;
            paused: boolean;
            /** @description When Temporal runs it next; null while paused or pending, and until this schedule is applied */
            next_run_at: string | null;
            schedule_id: string;
            /** @description Whether Temporal runs exactly this schedule (and pause state) now; false while it converges (e.g. Temporal unreachable) */
            applied: boolean;
            /** @description Why the last attempt to apply it to Temporal failed (it is retried), or null */
            apply_error: string | null;
            /** @description Where in each interval this connector's ticks fall, in seconds: derived from its id, stable, so connectors do not all start at once (null for cron) */
            offset_seconds: number | null;
            /** @description Scheduled ticks that never ran — later than the catch-up window of one interval, or their start failed — counted when the next tick runs */
            missed_ticks: number;
            /** @description When a missed tick was last counted, or null */
            last_missed_at: string | null;
            /** @description Set while no scheduled tick has run for the catch-up window plus SCHEDULE_OVERDUE_AFTER_INTERVALS intervals (the connector's status_reason is then `schedule_overdue`; its status is unchanged): when the first tick that did not start was due. Null otherwise; the next tick that runs clears it */
            overdue_since: string | null;
            /** @description While overdue: ticks due since the last one that ran (counted now); 0 otherwise */
            overdue_ticks: number;
        };
        IntervalSchedule: {
            /** @description Every n minutes, 5–10080 */
            interval_minutes: number;
        };
        CronSchedule: {
            /**
             * @description minute hour day-of-month month day-of-week; values in range, names (JAN, MON) allowed; a range must not run backwards
             * @example 30 9 * * MON-FRI
             */
            cron: string;
            /**
             * @description An IANA time zone of the server's time-zone database (default UTC)
             * @example Europe/Berlin
             */
            timezone?: string;
        };
        NewWebhookEndpoint: components["schemas"]["WebhookEndpoint"] & {
            /** @description The signing secret (`whsec_…`): shown once */
            secret: string;
        };
        /**
         * @description An event type (see `webhooks` in this document for each payload), or `*` for all
         * @enum {string}
         */
        WebhookEventFilter: "*" | "connector.created" | "connector.status_changed" | "connector.deleted" | "sync_run.succeeded" | "sync_run.failed" | "records.changed" | "backfill.succeeded" | "backfill.failed" | "backfill.cancelled" | "webhook_endpoint.disabled";
        WebhookEndpoint: {
            id: string;
            url: string;
            description: string | null;
            events: components["schemas"]["WebhookEventFilter"][];
            connector_ids: string[] | null;
            enabled: boolean;
            disabled_reason: string | null;
            consecutive_failures: number;
            created_at: string;
            updated_at: string;
        };
        RotatedWebhookSecret: {
            id: string;
            secret: string;
        };
        WebhookDelivery: {
            id: string;
            event_id: string;
            webhook_id_header: string;
            /** @enum {string} */
            event_type: "ping" | "connector.created" | "connector.status_changed" | "connector.deleted" | "sync_run.succeeded" | "sync_run.failed" | "records.changed" | "backfill.succeeded" | "backfill.failed" | "backfill.cancelled" | "webhook_endpoint.disabled";
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
            next_attempt_at: string | null;
            last_status_code: number | null;
            last_error: string | null;
            redelivery_of: string | null;
            created_at: string;
            finished_at: string | null;
            attempts: {
                attempt: number;
                status_code: number | null;
                latency_ms: number;
                error: string | null;
                at: string;
            }[];
        };
        RedeliveryAccepted: {
            delivery_id: string;
            event_id: string;
        };
        BackfillAccepted: {
            backfill_id: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            chunks_total: number;
            chunks_skipped: number;
            workflow_id: string;
            temporal_ui_url: string;
            status_url: string;
        };
        Backfill: {
            id: string;
            connector_id: string;
            /** @enum {string} */
            status: "queued" | "running" | "succeeded" | "failed" | "cancelled";
            window: {
                start: string;
                end: string;
            };
            /** @description Chunk length, ISO-8601 duration */
            chunk: string;
            concurrency: number;
            chunks_total: number;
            /** @description Committed chunks, including skipped ones */
            chunks_done: number;
            chunks_failed: number;
            chunks_running: number;
            /** @description Chunks an earlier failed or cancelled backfill of this connector had already committed */
            chunks_skipped: number;
            /** @description Records fetched and committed by this backfill */
            records: number;
            /** @description New records (first version) */
            records_added: number;
            /** @description Records whose content changed (a new version) */
            records_updated: number;
            /** @description Fetched again with identical content: no new version */
            records_unchanged: number;
            /** @description Tombstones: deleted at the provider, or missing from a complete listing of a chunk */
            records_deleted: number;
            pages: number;
            /** @description Where this backfill's changes are in the changes feed; null while it changed nothing */
            changes: components["schemas"]["ChangesRange"] | null;
            /** @description The earliest chunk window in progress */
            current_window: {
                start: string;
                end: string;
            } | null;
            estimated_seconds_left: number | null;
            error: {
                code: string;
                message: string;
                chunk?: number;
                window?: {
                    start: string;
                    end: string;
                };
            } | null;
            workflow_id: string;
            /** @description Runs in the workflow's continue-as-new chain so far */
            workflow_runs: number;
            temporal_ui_url: string;
            created_at: string;
            started_at: string | null;
            finished_at: string | null;
            cancel_requested_at: string | null;
        };
        ChangesPage: {
            data: components["schemas"]["Change"][];
            /** @description Ascending: pass as `after` to continue (also when `data` is empty: poll with it). Descending: pass as `before`; null at the oldest change */
            next_cursor: string | null;
            has_more: boolean;
        };
        Change: {
            /** @description This change's position; pass it as `after` to read what follows */
            cursor: string;
            /** @enum {string} */
            action: "added" | "updated" | "deleted";
            /** @description The record's version this change made */
            version: number;
            changed_at: string;
            connector_id: string;
            /** @description The sync run or backfill that committed it */
            source: {
                /** @enum {string} */
                type: "sync_run" | "backfill";
                id: string;
            };
            /** @description The record as it was at this version */
            record: {
                kind: string;
                external_id: string;
                occurred_at: string;
                title: string;
                url: string | null;
                raw?: unknown;
                /** @description Tombstone: when it was found deleted at the provider */
                deleted_at: string | null;
            };
        };
        NewApiKey: components["schemas"]["ApiKey"] & {
            /** @description The key itself: shown once, store it now */
            key: string;
        };
        ApiKey: {
            id: string;
            name: string;
            /**
             * @description The first characters of the key, to recognise it
             * @example trb_Zx81Qa
             */
            prefix: string;
            created_at: string;
            /** @description The API key that created it, or `cli` */
            created_by: string | null;
            /** @description To the minute */
            last_used_at: string | null;
            expires_at: string | null;
            revoked_at: string | null;
        };
        NewConnectSession: components["schemas"]["ConnectSession"] & {
            /** @description The session token (`tcs_…`): shown once */
            token: string;
            /**
             * Format: uri
             * @description The embeddable flow, token in the fragment (never sent to a server)
             */
            connect_url: string;
        };
        EndUser: {
            /** @description Your id for the user connecting (shown to you, not to them) */
            id: string;
            name?: string;
            email?: string;
        };
        ConnectSession: {
            id: string;
            /** @description The one type it may connect; null: any type of the catalog */
            connector_type: components["schemas"]["ConnectorTypeName"] | null;
            /** @description Its connector: given at creation, or made by the session */
            connector_id: string | null;
            end_user: components["schemas"]["EndUser"] | null;
            /** @description Origins that may embed the flow (`frame-ancestors`) and call the API with the token (CORS) */
            allowed_origins: string[];
            created_at: string;
            expires_at: string;
            /** @description When its connector was seen connected: the token is spent */
            used_at: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Process is up */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A dependency is unavailable */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    oauthStart: {
        parameters: {
            query?: {
                state?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The start page */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Unknown, forged, used or superseded state (a page); input refused before routing, e.g. a NUL character (JSON) */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The authorization link expired; start again */
            410: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    oauthCallback: {
        parameters: {
            query?: {
                state?: string;
                code?: string;
                error?: string;
                error_description?: string;
                error_uri?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The result page */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Redirect to the return URL with the outcome */
            303: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description The return URL with `connector_id`, `outcome`, `status` (and `error`) */
                    Location: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unknown, forged, reused or superseded state (a page); input refused before routing, e.g. a NUL character (JSON) */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The authorization link expired; start again */
            410: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Temporal (a page) or PostgreSQL (JSON, `database_unavailable`) is unreachable: nothing was used up; reload the page after Retry-After seconds */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listConnectorTypes: {
        parameters: {
            query?: {
                category?: "incident_management" | "monitoring" | "source_control" | "chat" | "ticketing";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalog, grouped by category (a connect session limited to one type sees only it) */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description CORS: the calling origin, when a connect session allows it */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ConnectorType"][];
                        categories: {
                            /** @enum {string} */
                            category: "incident_management" | "monitoring" | "source_control" | "chat" | "ticketing";
                            types: components["schemas"]["ConnectorTypeName"][];
                        }[];
                    };
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired, revoked or used API key or connect-session token */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `origin_not_allowed`: a connect session called from an `Origin` it does not list */
            403: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConnectorType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                type: "pagerduty" | "opsgenie" | "datadog" | "sentry" | "github" | "gitlab" | "slack" | "jira" | "linear";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connector type */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description CORS: the calling origin, when a connect session allows it */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectorType"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired, revoked or used API key or connect-session token */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `origin_not_allowed`: a connect session called from an `Origin` it does not list */
            403: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listConnectors: {
        parameters: {
            query?: {
                /** @description Page size, 1–100 */
                limit?: number;
                /** @description `next_cursor` of the previous page (opaque: only cursors this endpoint returned) */
                cursor?: string;
                status?: "pending" | "connected" | "paused" | "error" | "oauth_expired";
                /** @description A connector type of the catalog */
                type?: components["schemas"]["ConnectorTypeName"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of connectors */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Connector"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createConnector: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePagerDutyConnector"] | components["schemas"]["CreateOpsgenieConnector"] | components["schemas"]["CreateDatadogConnector"] | components["schemas"]["CreateSentryConnector"] | components["schemas"]["CreateGitHubConnector"] | components["schemas"]["CreateGitLabConnector"] | components["schemas"]["CreateSlackConnector"] | components["schemas"]["CreateJiraConnector"] | components["schemas"]["CreateLinearConnector"];
            };
        };
        responses: {
            /** @description Created; `Location` is its URL */
            201: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description The URL of the resource this request made */
                    Location: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    /** @description CORS: the calling origin, when a connect session allows it */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connector"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired, revoked or used API key or connect-session token */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `origin_not_allowed`: a connect session called from an `Origin` it does not list */
            403: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `session_connector_exists` (this connect session already created its connector) or `wrong_type` (the session is for another type); `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large; the connection is then closed */
            413: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description `close`: the server closes the connection after this answer */
                    Connection: "close";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connector */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description CORS: the calling origin, when a connect session allows it */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connector"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired, revoked or used API key or connect-session token */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `origin_not_allowed`: a connect session called from an `Origin` it does not list */
            403: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `temporal_unavailable` (the request needs Temporal and it cannot be reached) or `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateConnector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description The connector type's settings (`config_fields` in the catalog), e.g. GitHub: {"orgs": ["acme"], "repos": ["acme/api"]} */
                    config?: components["schemas"]["NoConfig"] | components["schemas"]["GitHubConfig"];
                };
            };
        };
        responses: {
            /** @description The updated connector */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connector"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `wrong_type`: `config` holds another type's settings */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large; the connection is then closed */
            413: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description `close`: the server closes the connection after this answer */
                    Connection: "close";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putConnectorCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PagerDutyCredentials"] | components["schemas"]["OpsgenieCredentials"] | components["schemas"]["DatadogCredentials"] | components["schemas"]["SentryCredentials"] | components["schemas"]["GitLabCredentials"] | components["schemas"]["LinearCredentials"];
            };
        };
        responses: {
            /** @description Credentials stored and tested: `test.success` says whether they work */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description CORS: the calling origin, when a connect session allows it */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CredentialsResult"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired, revoked or used API key or connect-session token */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `origin_not_allowed`: a connect session called from an `Origin` it does not list */
            403: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `wrong_auth_method` (an OAuth type: authorize it instead) or `wrong_type` (the fields, or `type`, of another type) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large; the connection is then closed */
            413: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description `close`: the server closes the connection after this answer */
                    Connection: "close";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `temporal_unavailable` (the request needs Temporal and it cannot be reached) or `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    testConnector: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Test result */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    /** @description CORS: the calling origin, when a connect session allows it */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectionTestResult"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired, revoked or used API key or connect-session token */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `origin_not_allowed`: a connect session called from an `Origin` it does not list */
            403: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `no_credentials`: nothing verified to test yet; `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `temporal_unavailable` (the request needs Temporal and it cannot be reached) or `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    authorizeConnector: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /**
                     * Format: uri
                     * @description Where the browser goes after the callback, with `connector_id`, `outcome`, `status` (and `error`) appended: on PUBLIC_URL's origin or one listed in OAUTH_RETURN_URL_ORIGINS (the pattern names them).
                     * @example https://tributary.example.com/integrations/done
                     */
                    return_url?: string;
                };
            };
        };
        responses: {
            /** @description The authorization URL */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    /** @description CORS: the calling origin, when a connect session allows it */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthAuthorization"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired, revoked or used API key or connect-session token */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `origin_not_allowed`: a connect session called from an `Origin` it does not list */
            403: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `wrong_auth_method` (an API-key type), `oauth_not_configured` (no OAuth app for the type) or `invalid_status` (the connector was deleted); `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large; the connection is then closed */
            413: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description `close`: the server closes the connection after this answer */
                    Connection: "close";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `temporal_unavailable` (the request needs Temporal and it cannot be reached) or `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listOAuthApps: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OAuth apps */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["OAuthApp"][];
                    };
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getOAuthApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                type: "pagerduty" | "github" | "slack" | "jira";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OAuth app */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthApp"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putOAuthApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                type: "pagerduty" | "github" | "slack" | "jira";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    client_id: string;
                    /** Format: password */
                    client_secret: string;
                    /** @description A subset of the type's scopes (`GET /v1/connector-types/{type}`); omitted or null = all of them */
                    scopes?: components["schemas"]["OAuthScope"][] | null;
                };
            };
        };
        responses: {
            /** @description Replaced */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthApp"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description The URL of the resource this request made */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthApp"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `wrong_auth_method` (an API-key type has no OAuth app) or `wrong_type` (a scope of another provider) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large; the connection is then closed */
            413: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description `close`: the server closes the connection after this answer */
                    Connection: "close";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteOAuthApp: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                type: "pagerduty" | "github" | "slack" | "jira";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    syncConnector: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted: poll the run (`Location`, `status_url`) */
            202: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    /** @description The run's URL */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncAccepted"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `invalid_status`: the connector's status forbids it (the message says which and what to do); `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `temporal_unavailable` (the request needs Temporal and it cannot be reached) or `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSyncRuns: {
        parameters: {
            query?: {
                /** @description Page size, 1–100 */
                limit?: number;
                /** @description `next_cursor` of the previous page (opaque: only cursors this endpoint returned) */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of runs */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["SyncRun"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSyncRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                run_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncRun"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRecords: {
        parameters: {
            query?: {
                limit?: number;
                /** @description `next_cursor` of the previous page (opaque: only cursors this endpoint returned) */
                cursor?: string;
                kind?: string;
                /** @description ISO-8601; records that occurred at or after it */
                since?: string;
                /** @description Also tombstones (records deleted at the provider); default false */
                include_deleted?: "true" | "false";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Record"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `temporal_unavailable` (the request needs Temporal and it cannot be reached) or `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    putSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntervalSchedule"] | components["schemas"]["CronSchedule"];
            };
        };
        responses: {
            /** @description The schedule, applied in Temporal */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description The schedule, stored; Temporal converges to it shortly */
            202: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large; the connection is then closed */
            413: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description `close`: the server closes the connection after this answer */
                    Connection: "close";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `temporal_unavailable` (the request needs Temporal and it cannot be reached) or `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    pauseConnector: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connector */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connector"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `invalid_status`: the connector's status forbids it (the message says which and what to do); `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `temporal_unavailable` (the request needs Temporal and it cannot be reached) or `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resumeConnector: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connector */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connector"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `invalid_status`: the connector's status forbids it (the message says which and what to do); `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `temporal_unavailable` (the request needs Temporal and it cannot be reached) or `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Endpoints */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookEndpoint"][];
                    };
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uri
                     * @description The receiver: https (http and private addresses only where the server allows private receivers); cloud metadata addresses never; a name that does not resolve is refused
                     * @example https://example.com/hooks/tributary
                     */
                    url: string;
                    events: components["schemas"]["WebhookEventFilter"][];
                    /** @description Only events of these connectors (null or omitted: all) */
                    connector_ids?: string[] | null;
                    description?: string | null;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description The URL of the resource this request made */
                    Location: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewWebhookEndpoint"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `connector_ids` names a connector this workspace does not have */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large; the connection is then closed */
            413: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description `close`: the server closes the connection after this answer */
                    Connection: "close";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Endpoint */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: uri
                     * @description The receiver: https (http and private addresses only where the server allows private receivers); cloud metadata addresses never; a name that does not resolve is refused
                     * @example https://example.com/hooks/tributary
                     */
                    url?: string;
                    events?: components["schemas"]["WebhookEventFilter"][];
                    /** @description Only events of these connectors (null or omitted: all) */
                    connector_ids?: string[] | null;
                    description?: string | null;
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Endpoint */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large; the connection is then closed */
            413: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description `close`: the server closes the connection after this answer */
                    Connection: "close";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description New secret */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedWebhookSecret"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deliveries, newest first */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookDelivery"][];
                    };
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    redeliverWebhookDelivery: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                delivery_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redelivery started */
            202: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RedeliveryAccepted"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listBackfills: {
        parameters: {
            query?: {
                /** @description Page size, 1–100 */
                limit?: number;
                /** @description `next_cursor` of the previous page (opaque: only cursors this endpoint returned) */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of backfills */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Backfill"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createBackfill: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description Inclusive start, ISO-8601
                     * @example 2026-10-01T00:00:00Z
                     */
                    start: string;
                    /**
                     * Format: date-time
                     * @description Exclusive end, ISO-8601, not in the future
                     * @example 2026-10-31T00:00:00Z
                     */
                    end: string;
                    /**
                     * @description ISO-8601 duration (PnW, PnD, PTnH, PTnM), PT1H–P31D, default P1D; at most 1000 chunks
                     * @example P1D
                     */
                    chunk?: string;
                };
            };
        };
        responses: {
            /** @description Accepted: poll the backfill (`Location`, `status_url`) */
            202: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    /** @description The backfill's URL */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackfillAccepted"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `invalid_status` (backfills run only for connected connectors) or `conflict` (one is already active); `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large; the connection is then closed */
            413: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description `close`: the server closes the connection after this answer */
                    Connection: "close";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `temporal_unavailable` (the request needs Temporal and it cannot be reached) or `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getBackfill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                backfill_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The backfill */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Backfill"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelBackfill: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                backfill_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancellation requested; poll until status is cancelled */
            202: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Backfill"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `conflict`: the backfill already finished; `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `temporal_unavailable` (the request needs Temporal and it cannot be reached) or `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listConnectorChanges: {
        parameters: {
            query?: {
                /** @description Only changes after this cursor (exclusive); omitted: from the first change */
                after?: string;
                /** @description Only changes before this cursor (exclusive) */
                before?: string;
                /** @description Only changes up to this cursor (inclusive), e.g. the `until` of a run's `changes` range */
                until?: string;
                /** @description Page size, 1–1000 */
                limit?: number;
                /** @description Only records of this kind */
                kind?: string;
                /** @description `asc` (commit order, default) or `desc` (newest first) */
                order?: "asc" | "desc";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of changes */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangesPage"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listChanges: {
        parameters: {
            query?: {
                /** @description Only changes after this cursor (exclusive); omitted: from the first change */
                after?: string;
                /** @description Only changes before this cursor (exclusive) */
                before?: string;
                /** @description Only changes up to this cursor (inclusive), e.g. the `until` of a run's `changes` range */
                until?: string;
                /** @description Page size, 1–1000 */
                limit?: number;
                /** @description Only records of this kind */
                kind?: string;
                /** @description `asc` (commit order, default) or `desc` (newest first) */
                order?: "asc" | "desc";
                /** @description Only this connector's changes */
                connector_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of changes */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangesPage"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `connector_id` names no connector of this workspace */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                /** @description Page size, 1–100 */
                limit?: number;
                /** @description `next_cursor` of the previous page (opaque: only cursors this endpoint returned) */
                cursor?: string;
                /** @description Also revoked keys; default false */
                include_revoked?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiKey"][];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example deploy pipeline */
                    name: string;
                    /** @description The key stops working after this many days; omitted: never */
                    expires_in_days?: number;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description The URL of the resource this request made */
                    Location: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewApiKey"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large; the connection is then closed */
            413: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description `close`: the server closes the connection after this answer */
                    Connection: "close";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or already revoked) */
            204: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createConnectSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: a repeat within 24 h returns the first response (`Idempotency-Replayed: true`); the same key with another request is a 422 */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    connector_type?: components["schemas"]["ConnectorTypeName"];
                    /** @description Connect (or re-authorize) this existing connector */
                    connector_id?: string;
                    end_user?: components["schemas"]["EndUser"];
                    /**
                     * @example [
                     *       "https://app.example.com"
                     *     ]
                     */
                    allowed_origins?: string[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description The URL of the resource this request made */
                    Location: string;
                    /** @description `true` when this is the stored first response to a repeated `Idempotency-Key` */
                    "Idempotency-Replayed"?: "true";
                    /**
                     * @deprecated
                     * @description Deprecated alias of `Idempotency-Replayed`, sent with it
                     */
                    "Idempotent-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewConnectSession"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `connector_id` names a connector this workspace does not have */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflict: `wrong_type`: `connector_id` is a connector of another type than `connector_type`; `idempotency_in_progress` (an earlier request with this `Idempotency-Key` still runs: `Retry-After`) or `idempotency_secret_withheld` (its response carried a secret, which is never replayed) */
            409: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description With `idempotency_in_progress`: seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request body too large; the connection is then closed */
            413: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description `close`: the server closes the connection after this answer */
                    Connection: "close";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is not `application/json` */
            415: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `idempotency_key_mismatch`: this `Idempotency-Key` was used with a different request */
            422: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCurrentConnectSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    /** @description CORS: the calling origin, when a connect session allows it */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectSession"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired, revoked or used API key or connect-session token */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `origin_not_allowed`: a connect session called from an `Origin` it does not list */
            403: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Called with an API key: it has no current session */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description CORS: the calling origin, when a connect session allows it */
                    "Access-Control-Allow-Origin"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConnectSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session */
            200: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConnectSession"];
                };
            };
            /** @description Invalid input: `details` names each field and why */
            400: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing, invalid, expired or revoked API key (a connect-session token is refused here) */
            401: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description RFC 6750 challenge: `Bearer realm="tributary"`, with `error="invalid_token"` when a token was sent */
                    "WWW-Authenticate": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (also for another workspace's resources, or outside a connect session's connector) */
            404: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limit exceeded: see `Retry-After` and the `RateLimit-*` headers */
            429: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    /** @description Requests allowed per window in the bucket closest to its limit (the API key's or the workspace's) */
                    "RateLimit-Limit"?: number;
                    /** @description Requests left in that bucket's window */
                    "RateLimit-Remaining"?: number;
                    /** @description Seconds until the window moves on */
                    "RateLimit-Reset"?: number;
                    /** @description The limits, e.g. `600;w=60` */
                    "RateLimit-Policy"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Request line and headers larger than the server accepts (64 KiB); answered by the HTTP server with no body */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `database_unavailable` (PostgreSQL is busy or unreachable): nothing was left half-done — retry after `Retry-After` */
            503: {
                headers: {
                    /** @description The request's id (also in the API's log lines); quote it when reporting a problem */
                    "X-Request-Id"?: string;
                    /** @description Seconds to wait before retrying */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    onPing: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and redelivery — deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; refuse it if far from now (the SDK allows 5 minutes) */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PingEvent"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onConnectorCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and redelivery — deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; refuse it if far from now (the SDK allows 5 minutes) */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConnectorCreatedEvent"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onConnectorStatusChanged: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and redelivery — deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; refuse it if far from now (the SDK allows 5 minutes) */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConnectorStatusChangedEvent"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onConnectorDeleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and redelivery — deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; refuse it if far from now (the SDK allows 5 minutes) */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConnectorDeletedEvent"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onSyncRunSucceeded: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and redelivery — deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; refuse it if far from now (the SDK allows 5 minutes) */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SyncRunSucceededEvent"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onSyncRunFailed: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and redelivery — deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; refuse it if far from now (the SDK allows 5 minutes) */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SyncRunFailedEvent"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onRecordsChanged: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and redelivery — deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; refuse it if far from now (the SDK allows 5 minutes) */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordsChangedEvent"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onBackfillSucceeded: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and redelivery — deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; refuse it if far from now (the SDK allows 5 minutes) */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BackfillSucceededEvent"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onBackfillFailed: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and redelivery — deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; refuse it if far from now (the SDK allows 5 minutes) */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BackfillFailedEvent"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onBackfillCancelled: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and redelivery — deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; refuse it if far from now (the SDK allows 5 minutes) */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BackfillCancelledEvent"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    onWebhookEndpointDisabled: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (`evt_…`): the same on every retry and redelivery — deduplicate on it */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; refuse it if far from now (the SDK allows 5 minutes) */
                "webhook-timestamp": string;
                /** @description Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256>` of `{webhook-id}.{webhook-timestamp}.{raw body}`, keyed with the base64-decoded part of the endpoint secret after `whsec_` */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointDisabledEvent"];
            };
        };
        responses: {
            /** @description Received (any 2xx) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
