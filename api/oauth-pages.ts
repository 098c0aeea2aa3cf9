// The small HTML pages a browser sees at the start and end of an OAuth authorization (no scripts, no external resources).
import type { CallbackResult, StartResult } from '../services/oauth.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export const PAGE_HEADERS = {
  'cache-control': 'no-store',
  // The callback URL carries the code and state: never pass it on as a Referer.
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'",
} as const;

export function page(title: string, message: string, detail?: string, extraHtml = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Tributary</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2328}h1{font-size:1.4rem}p,li{line-height:1.5}code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}.continue{display:inline-block;background:#1f6feb;color:#fff;padding:.6rem 1rem;border-radius:6px;text-decoration:none;font-weight:600}.warn{background:#fff8c5;padding:.6rem .8rem;border-radius:6px}</style>
</head><body><h1>${esc(title)}</h1><p>${esc(message)}</p>${detail ? `<p><small>${esc(detail)}</small></p>` : ''}${extraHtml}</body></html>`;
}

/**
 * The start of every authorization: whose connector this is (workspace, connector, provider, permissions),
 * and a link on to the provider. Someone who was forwarded the link sees at once that it is not theirs.
 */
export function startPage(result: Extract<StartResult, { kind: 'start' }>): string {
  const extra = `<ul>
<li>Workspace: <strong>${esc(result.workspaceName)}</strong></li>
<li>Connector: <strong>${esc(result.connectorName)}</strong> (<code>${esc(result.connectorId)}</code>)</li>
<li>Provider: <strong>${esc(result.providerName)}</strong>${result.scopes.length ? `, asking for: ${result.scopes.map((s) => `<code>${esc(s)}</code>`).join(' ')}` : ''}</li>
</ul>
<p class="warn">Only continue if you started this yourself, for this workspace. If someone sent you this link, close this page: continuing would connect <em>your</em> ${esc(result.providerName)} account to <em>their</em> workspace.</p>
<p><a class="continue" data-continue href="${esc(result.providerUrl)}" rel="noreferrer">Continue to ${esc(result.providerName)}</a></p>
<p><small>This link works once and expires at ${esc(result.expiresAt)}.</small></p>`;
  return page(`Connect ${result.providerName} to workspace ${result.workspaceName}`, `You are about to authorize Tributary to read from ${result.providerName} on behalf of this workspace's connector:`, undefined, extra);
}

/** Temporal could not be reached while completing the callback: nothing was used up, reloading finishes the job. */
export function unavailablePage(): string {
  return page('Temporarily unavailable', 'Tributary could not complete the authorization just now because its workflow engine is unreachable. Nothing was used up: reload this page in a few seconds to finish connecting.');
}

const INVALID: Record<Extract<CallbackResult, { kind: 'invalid' }>['reason'], [string, string]> = {
  missing_state: ['Invalid authorization response', 'The provider\'s answer carried no state, so it cannot be matched to an authorization. Start the authorization again from your application.'],
  missing_code: ['Invalid authorization response', 'The provider\'s answer carried neither an authorization code nor an error. Start the authorization again from your application.'],
  unknown: ['Invalid authorization link', 'This authorization link is not valid: its state is unknown or was altered. Nothing was changed. Start the authorization again from your application.'],
  reused: ['Authorization link already used', 'Each authorization link works once, and this one has already been used. Nothing was changed. Start the authorization again if you need to.'],
  superseded: ['Authorization link replaced', 'A newer authorization was started for this connector, so this link no longer works. Use the newest link, or start again.'],
  connector_deleted: ['Connector deleted', 'The connector this authorization was for has been deleted. Create a new connector and authorize it.'],
};

/** The page (and status code) for a start or callback that could not be matched to a live authorization. */
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
