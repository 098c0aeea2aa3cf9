// The connector status rules in one place: which statuses may sync, pause, resume or backfill, when the
// schedule is paused, and what to tell the user. Pure data and functions: the Integrations page gets the same
// rules served as `/integrations/assets/rules.js` (see api/web.ts), so the browser and the API cannot disagree.
import type { ConnectorStatus } from '../db/schema.ts';

export const CONNECTOR_RULES = {
  /** Scheduled and manual syncs run only for these. */
  syncable: ['connected', 'error'],
  /** Backfills start only for these. */
  backfillable: ['connected'],
  pausable: ['connected', 'error'],
  resumable: ['paused'],
  /** The Temporal Schedule exists but is paused while the connector is in one of these. */
  schedulePaused: ['paused', 'oauth_expired'],
  /** A connector in one of these has no schedule at all. */
  unscheduled: ['pending'],
  /** Reasons that end an authorization attempt without connecting (the page stops waiting on them). */
  authorizationEndedReasons: ['authorization_denied', 'authorization_expired', 'authorization_failed', 'connection_test_failed'],
  /** What the user should do next, by status. */
  whatToDo: {
    pending: 'finish onboarding first (PUT …/credentials or POST …/oauth/authorize)',
    connected: '',
    paused: 'resume it with POST …/resume',
    error: 'its last sync failed; fix the cause and sync it successfully (POST …/sync) first',
    oauth_expired: 're-authorize it with POST …/oauth/authorize',
  },
} as const satisfies {
  syncable: readonly ConnectorStatus[];
  backfillable: readonly ConnectorStatus[];
  pausable: readonly ConnectorStatus[];
  resumable: readonly ConnectorStatus[];
  schedulePaused: readonly ConnectorStatus[];
  unscheduled: readonly ConnectorStatus[];
  authorizationEndedReasons: readonly string[];
  whatToDo: Record<ConnectorStatus, string>;
};

const has = (list: readonly ConnectorStatus[], s: ConnectorStatus) => list.includes(s);

export const canSync = (s: ConnectorStatus): boolean => has(CONNECTOR_RULES.syncable, s);
export const canBackfill = (s: ConnectorStatus): boolean => has(CONNECTOR_RULES.backfillable, s);
export const canPause = (s: ConnectorStatus): boolean => has(CONNECTOR_RULES.pausable, s);
export const canResume = (s: ConnectorStatus): boolean => has(CONNECTOR_RULES.resumable, s);
export const schedulePaused = (s: ConnectorStatus): boolean => has(CONNECTOR_RULES.schedulePaused, s);

/** Whether the connector should have a Temporal Schedule at all (deleted and pending ones have none). */
export const scheduleExists = (c: { status: ConnectorStatus; deleted_at: Date | string | null }): boolean =>
  !c.deleted_at && !has(CONNECTOR_RULES.unscheduled, c.status);

/** What Temporal should hold for a connector in this state: no schedule, a paused one, or an active one. */
export const scheduleState = (c: { status: ConnectorStatus; deleted_at: Date | string | null }): 'none' | 'paused' | 'active' =>
  !scheduleExists(c) ? 'none' : schedulePaused(c.status) ? 'paused' : 'active';

/** "… : what to do" for a 409 message, or '' when there is nothing to add. */
export const whatToDo = (s: ConnectorStatus): string => CONNECTOR_RULES.whatToDo[s];

/** The rules as an ES module for the browser (served, not copied, so it cannot drift). */
export function rulesModuleSource(): string {
  return `// Generated from lib/connector-rules.ts by the API; do not edit.\nexport const RULES = ${JSON.stringify(CONNECTOR_RULES)};\n`;
}
