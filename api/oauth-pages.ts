// The small HTML pages a browser sees at the end of an OAuth authorization (no scripts, no external resources).
import type { CallbackResult } from '../services/oauth.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export const PAGE_HEADERS = {
  'cache-control': 'no-store',
  // The callback URL carries the code and state: never pass it on as a Referer.
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'",
} as const;

export function page(title: string, message: string, detail?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Tributary</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2328}h1{font-size:1.4rem}p{line-height:1.5}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style>
</head><body><h1>${esc(title)}</h1><p>${esc(message)}</p>${detail ? `<p><small>${esc(detail)}</small></p>` : ''}</body></html>`;
}

const INVALID: Record<Extract<CallbackResult, { kind: 'invalid' }>['reason'], [string, string]> = {
  missing_state: ['Invalid authorization response', 'The provider\'s answer carried no state, so it cannot be matched to an authorization. Start the authorization again from your application.'],
  missing_code: ['Invalid authorization response', 'The provider\'s answer carried neither an authorization code nor an error. Start the authorization again from your application.'],
  unknown: ['Invalid authorization link', 'This authorization link is not valid: its state is unknown or was altered. Nothing was changed. Start the authorization again from your application.'],
  reused: ['Authorization link already used', 'Each authorization link works once, and this one has already been used. Nothing was changed. Start the authorization again if you need to.'],
  superseded: ['Authorization link replaced', 'A newer authorization was started for this connector, so this link no longer works. Use the newest link, or start again.'],
  connector_deleted: ['Connector deleted', 'The connector this authorization was for has been deleted. Create a new connector and authorize it.'],
};

/** The page (and status code) for a callback that could not be matched to a live authorization. */
export function failurePage(result: Extract<CallbackResult, { kind: 'invalid' | 'expired' }>): { status: 400 | 410; html: string } {
  if (result.kind === 'expired') {
    return { status: 410, html: page('This authorization link expired', 'This authorization link expired: authorizations must be completed within 10 minutes of starting them. Nothing was changed. Start again from your application to get a new link.') };
  }
  const [title, message] = INVALID[result.reason];
  return { status: 400, html: page(title, message) };
}

const OUTCOME: Record<Extract<CallbackResult, { kind: 'done' }>['outcome'], string> = {
  connected: 'Connected',
  denied: 'Authorization denied',
  failed: 'Connection failed',
  expired: 'This authorization link expired',
  pending: 'Still connecting',
};

/** The result page shown when the authorize call gave no return URL. */
export function resultPage(result: Extract<CallbackResult, { kind: 'done' }>): string {
  const message =
    result.outcome === 'connected'
      ? `Connector ${result.connectorId} is connected. You can close this window.`
      : result.outcome === 'pending'
        ? `Connector ${result.connectorId} is still being connected; check its status in a moment.`
        : `Connector ${result.connectorId} was not connected (status ${result.status}).`;
  return page(OUTCOME[result.outcome], message, result.error ? `${result.error.code}: ${result.error.message}` : undefined);
}

/** The return URL with the outcome appended (`connector_id`, `outcome`, `status`, `error`). */
export function returnLocation(result: Extract<CallbackResult, { kind: 'done' }> & { returnUrl: string }): string {
  const u = new URL(result.returnUrl);
  u.searchParams.set('connector_id', result.connectorId);
  u.searchParams.set('outcome', result.outcome);
  u.searchParams.set('status', result.status);
  if (result.error) u.searchParams.set('error', result.error.code);
  return u.toString();
}
