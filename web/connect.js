// The embeddable connect flow (`/connect/{session}#token=…`, in an iframe or a popup): completes one connection
// with a connect-session token — pick the type (or the session's one), name the connector, paste an API key or
// authorize, see the test — and tells the embedding window (`postMessage`, only to the session's allowed origins).
// It talks to the API only through the SDK's browser build.
import { AUTHORIZATION_ENDED_REASONS, createTributary, unwrap } from './sdk.js';

const $ = (sel, root = document) => root.querySelector(sel);
const view = $('#view');
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// The token arrives in the fragment (never sent to a server); it is kept for this tab only and taken out of the URL.
// A browser that blocks third-party storage (an iframe on another site) throws on sessionStorage: the token then
// lives in this page only (a reload of the frame needs a new link).
const STORE = `tributary.connect:${location.pathname}`;
const storage = (() => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
})();
const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromHash) {
  storage?.setItem(STORE, fromHash);
  history.replaceState(null, '', location.pathname);
}
const token = fromHash ?? storage?.getItem(STORE) ?? null;
const tributary = createTributary({ baseUrl: location.origin, token: token ?? undefined });
let session = null;

/** Tells the window that embedded (parent) or opened (opener) this flow, at the origins the session allows. */
function notify(type, detail = {}) {
  const targets = [window.parent !== window ? window.parent : null, window.opener].filter(Boolean);
  for (const target of targets) for (const origin of session?.allowed_origins ?? []) target.postMessage({ source: 'tributary', type, session_id: session.id, ...detail }, origin);
}

function announce(msg) {
  $('#announcer').textContent = msg;
}

function ended(message) {
  view.innerHTML = `<h1>Connect</h1><p class="fail" role="alert" data-testid="session-ended">${esc(message)}</p><p class="help">Ask the application that sent you here for a new link.</p>`;
}

async function start() {
  if (!token) return ended('This connect link is incomplete: it carries no session token.');
  try {
    session = await unwrap(tributary.api.GET('/v1/connect-sessions/current'));
  } catch (err) {
    return ended(err.status === 401 ? 'This connect link has expired or was already used.' : err.message);
  }
  notify('tributary:ready');
  if (session.connector_id) {
    const connector = await tributary.connector(session.connector_id);
    return showType(connector.type, connector);
  }
  if (session.connector_type) return showType(session.connector_type, null);
  return showCatalog();
}

async function showCatalog() {
  const catalog = await unwrap(tributary.api.GET('/v1/connector-types'));
  view.innerHTML = `<h1>Connect a tool</h1>
    <div class="grid">${catalog.data.map((t) => `<button type="button" class="card" data-type="${esc(t.type)}"><strong>${esc(t.name)}</strong><br><span class="meta">${t.auth === 'oauth2' ? 'OAuth' : 'API key'}</span></button>`).join('')}</div>`;
  view.querySelectorAll('button.card').forEach((b) => b.addEventListener('click', () => showType(b.dataset.type, null)));
}

async function showType(typeName, existing) {
  const t = await unwrap(tributary.api.GET('/v1/connector-types/{type}', { params: { path: { type: typeName } } }));
  let connector = existing;
  const oauth = t.auth === 'oauth2';
  view.innerHTML = `
    <h1>Connect ${esc(t.name)}</h1>
    <p>${esc(t.description)}</p>
    <h2>Permissions it needs</h2>
    <ul>${t.permissions.map((p) => `<li><strong>${esc(p.name)}</strong>: ${esc(p.reason)}</li>`).join('')}</ul>
    <form id="connect-form" novalidate>
      ${connector ? '' : `<label for="conn-name">Display name <span class="help">(optional)</span></label><input id="conn-name" name="name" type="text" placeholder="${esc(t.name)}">`}
      ${oauth ? '' : t.credential_fields.map((f) => `<label for="cred-${esc(f.name)}">${esc(f.label)}</label>
        <input id="cred-${esc(f.name)}" name="${esc(f.name)}" type="${f.secret ? 'password' : 'text'}" autocomplete="off" ${f.required ? 'required' : ''}>
        <p class="help">${esc(f.description)}</p>`).join('')}
      <p class="error" id="connect-error" role="alert"></p>
      <button type="submit" class="primary">${oauth ? `Authorize with ${esc(t.name)}` : 'Save and test'}</button>
    </form>
    <div id="result" aria-live="polite"></div>`;
  const form = $('#connect-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#connect-error').textContent = '';
    // Opened in the click itself, so that the browser does not block it.
    const popup = oauth ? window.open('about:blank', 'tributary-authorize') : null;
    try {
      if (!connector) {
        const name = form.elements.name?.value.trim();
        connector = await unwrap(tributary.api.POST('/v1/connectors', { body: { type: t.type, ...(name ? { name } : {}) } }));
      }
      if (oauth) await authorize(connector, popup);
      else await saveCredentials(connector, t, form);
    } catch (err) {
      popup?.close();
      $('#connect-error').textContent = err.message;
    }
  });
}

async function saveCredentials(connector, t, form) {
  const credentials = {};
  for (const f of t.credential_fields) {
    const v = form.elements[f.name]?.value ?? '';
    if (v) credentials[f.name] = v;
  }
  $('#result').innerHTML = '<p>Testing the connection…</p>';
  const r = await unwrap(tributary.api.PUT('/v1/connectors/{id}/credentials', { params: { path: { id: connector.id } }, body: credentials }));
  for (const f of t.credential_fields) if (form.elements[f.name]) form.elements[f.name].value = '';
  if (r.test.success) return connected(r.connector, `Connected (${r.test.latency_ms} ms)`);
  $('#result').innerHTML = `<p class="fail" data-testid="test-failed">✗ ${esc(r.test.error?.message ?? 'The connection test failed')}</p><p class="help">Check the credentials and try again.</p>`;
  announce('The connection test failed');
  notify('tributary:test_failed', { connector_id: connector.id, error: r.test.error ?? null });
}

async function authorize(connector, popup) {
  const { authorize_url, expires_at } = await tributary.authorize(connector.id);
  if (popup) popup.location.href = authorize_url;
  else window.open(authorize_url, 'tributary-authorize');
  $('#result').innerHTML = '<p>Waiting for you to approve access in the new window…</p>';
  const c = await tributary.waitForConnection(connector.id, { intervalMs: 1000, timeoutMs: Math.max(0, Date.parse(expires_at) - Date.now()) + 5000 }).catch(() => null);
  if (c?.status === 'connected') return connected(c, 'Connected');
  const why = c && AUTHORIZATION_ENDED_REASONS.includes(c.status_reason) ? (c.status_message ?? c.status_reason) : 'Authorization did not complete';
  $('#result').innerHTML = `<p class="fail" data-testid="test-failed">✗ ${esc(why)}</p><p class="help">Try again.</p>`;
  announce('Authorization did not complete');
}

function connected(c, message) {
  view.innerHTML = `<h1>${esc(c.name)}</h1><p class="check" data-testid="test-ok">✓ ${esc(message)}</p><p class="help">You can close this window.</p>`;
  announce('Connected');
  notify('tributary:connected', { connector: { id: c.id, type: c.type, name: c.name, status: c.status } });
}

start().catch((err) => ended(err.message));
