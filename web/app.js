// The Integrations page: a thin client of the public API (no build step). The API key lives in
// sessionStorage for this tab only and is never rendered back.
import { RULES } from './rules.js';

const KEY = 'tributary.apiKey';
const $ = (sel, root = document) => root.querySelector(sel);
const view = $('#view');

const CATEGORY_NAMES = {
  incident_management: 'Incident management',
  monitoring: 'Monitoring',
  source_control: 'Source control & deploys',
  chat: 'Chat',
  ticketing: 'Ticketing',
};

const STATUS_HELP = {
  pending: 'Not connected yet: finish onboarding (credentials or authorization).',
  connected: 'Connected: syncing on its schedule.',
  paused: 'Paused: no scheduled or manual syncs until you resume it.',
  error: 'The last sync failed after its retries. Check the sync history below, then run "Sync now" to retry.',
  oauth_expired: 'The provider refused to refresh access. Re-authorize to reconnect; syncs are paused until then.',
};

let pollTimer = null;

function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function announce(msg) {
  $('#announcer').textContent = msg;
}

async function api(method, path, body) {
  const res = await fetch(`/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${sessionStorage.getItem(KEY) ?? ''}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.status === 401) {
    signOut('Your API key was not accepted. Sign in again.');
    throw new Error('unauthorized');
  }
  if (!res.ok) {
    const err = new Error(data?.error?.message ?? `request failed (${res.status})`);
    err.status = res.status;
    err.details = data?.error?.details ?? [];
    throw err;
  }
  return data;
}

function badge(status) {
  return `<span class="badge ${esc(status)}" data-testid="status-badge">${esc(status.replace('_', ' '))}</span>`;
}

function fmt(ts) {
  return ts ? new Date(ts).toLocaleString() : '—';
}

function focusHeading() {
  const h = $('h2', view);
  if (h) {
    h.tabIndex = -1;
    h.focus();
  }
}

// ---------- sign-in ----------

function signOut(message) {
  sessionStorage.removeItem(KEY);
  clearInterval(pollTimer);
  $('#account').hidden = true;
  view.hidden = true;
  $('#signin').hidden = false;
  $('#api-key-error').textContent = message ?? '';
  $('#api-key').value = '';
  $('#api-key').focus();
}

$('#signin-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const key = $('#api-key').value.trim();
  const err = $('#api-key-error');
  if (!key) {
    err.textContent = 'Enter your API key.';
    return;
  }
  const res = await fetch('/v1/connectors?limit=1', { headers: { authorization: `Bearer ${key}` } });
  if (res.status === 401) {
    err.textContent = 'That API key was not accepted. Check it and try again.';
    $('#api-key').focus();
    return;
  }
  sessionStorage.setItem(KEY, key);
  $('#api-key').value = '';
  err.textContent = '';
  start();
});
$('#sign-out').addEventListener('click', () => signOut('Signed out.'));

// ---------- routing ----------

function route() {
  clearInterval(pollTimer);
  const hash = location.hash.replace(/^#/, '') || '/';
  const m = /^\/connectors\/(con_[0-9a-z]+)$/.exec(hash);
  if (m) return showConnector(m[1]);
  return showCatalog(hash.startsWith('/types/') ? hash.slice(7) : null);
}
window.addEventListener('hashchange', () => sessionStorage.getItem(KEY) && route());

function start() {
  $('#signin').hidden = true;
  $('#account').hidden = false;
  view.hidden = false;
  route();
}

// ---------- catalog ----------

async function showCatalog(selectedType) {
  const [types, connectors] = await Promise.all([api('GET', '/connector-types'), api('GET', '/connectors?limit=100')]);
  const byType = Object.fromEntries(types.data.map((t) => [t.type, t]));
  const selected = selectedType ? byType[selectedType] : null;
  view.innerHTML = `
    <h2>Integrations</h2>
    <div class="layout">
      <div>
        <section aria-labelledby="yours"><h3 id="yours">Your connectors</h3>
          ${connectors.data.length === 0 ? '<p class="help">No connectors yet: pick a tool below.</p>' : `
          <table><thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Status</th></tr></thead><tbody>
          ${connectors.data.map((c) => `<tr><td><a href="#/connectors/${esc(c.id)}">${esc(c.name)}</a></td><td>${esc(byType[c.type]?.name ?? c.type)}</td><td>${badge(c.status)}</td></tr>`).join('')}
          </tbody></table>`}
        </section>
        ${types.categories.map((cat) => `
          <section aria-labelledby="cat-${esc(cat.category)}" data-testid="category">
            <h3 id="cat-${esc(cat.category)}">${esc(CATEGORY_NAMES[cat.category] ?? cat.category)}</h3>
            <div class="grid">
              ${cat.types.map((t) => byType[t]).map((t) => `
                <button type="button" class="card" data-type="${esc(t.type)}" aria-pressed="${t.type === selectedType}">
                  <strong>${esc(t.name)}</strong><br>
                  <span class="meta">${t.auth === 'oauth2' ? 'OAuth' : 'API key'}${t.emulated ? ' · demo' : ''}</span>
                </button>`).join('')}
            </div>
          </section>`).join('')}
      </div>
      <aside class="panel" aria-labelledby="detail-title" id="detail">
        ${selected ? detailPanel(selected) : '<h3 id="detail-title">Pick a tool</h3><p class="help">Choose a tool to see what it ingests and the access it needs.</p>'}
      </aside>
    </div>`;
  view.querySelectorAll('button.card').forEach((b) => b.addEventListener('click', () => (location.hash = `#/types/${b.dataset.type}`)));
  if (selected) wireAddForm(selected);
  if (selected) $('#detail-title').focus();
  else focusHeading();
}

function detailPanel(t) {
  const fields = t.credential_fields
    .map((f) => `<label for="cred-${esc(f.name)}">${esc(f.label)}</label>
      <input id="cred-${esc(f.name)}" name="${esc(f.name)}" type="${f.secret ? 'password' : 'text'}" autocomplete="off" ${f.required ? 'required' : ''} aria-describedby="cred-${esc(f.name)}-help">
      <p class="help" id="cred-${esc(f.name)}-help">${esc(f.description)}</p>`)
    .join('');
  return `
    <h3 id="detail-title" tabindex="-1">${esc(t.name)}</h3>
    <p>${esc(t.description)}</p>
    <p class="meta">Connects with <strong>${t.auth === 'oauth2' ? 'OAuth' : 'an API key'}</strong>${t.emulated ? ' (demo mode: the local provider emulator)' : ''}.</p>
    <h4>What it ingests</h4>
    <ul>${t.ingests.map((i) => `<li><strong>${esc(i.kind)}</strong>: ${esc(i.description)}</li>`).join('')}</ul>
    <h4>Permissions it needs</h4>
    <ul>${t.permissions.map((p) => `<li><strong>${esc(p.name)}</strong>: ${esc(p.reason)}</li>`).join('')}</ul>
    <form id="add-form" novalidate>
      <label for="conn-name">Display name <span class="help">(optional)</span></label>
      <input id="conn-name" name="name" type="text" placeholder="${esc(t.name)}">
      ${t.auth === 'oauth2' ? '' : fields}
      <p class="error" id="add-error" role="alert"></p>
      <button type="submit" class="primary">${t.auth === 'oauth2' ? 'Authorize' : 'Save and test'}</button>
    </form>
    <div id="add-result" aria-live="polite"></div>`;
}

function wireAddForm(t) {
  const form = $('#add-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const error = $('#add-error');
    error.textContent = '';
    const name = form.elements.name.value.trim();
    let popup = null;
    if (t.auth === 'oauth2') popup = window.open('about:blank', 'tributary-authorize'); // opened in the click, so it is not blocked
    try {
      const c = await api('POST', '/connectors', { type: t.type, ...(name ? { name } : {}) });
      if (t.auth === 'oauth2') await authorize(c.id, popup);
      else await saveCredentials(c.id, t, form);
    } catch (err) {
      popup?.close();
      error.textContent = err.message;
    }
  });
}

async function saveCredentials(id, t, form) {
  const body = {};
  for (const f of t.credential_fields) {
    const v = form.elements[f.name]?.value ?? '';
    if (v) body[f.name] = v;
  }
  const result = $('#add-result');
  result.innerHTML = '<p>Testing the connection…</p>';
  let res;
  try {
    res = await api('PUT', `/connectors/${id}/credentials`, body);
  } catch (err) {
    result.innerHTML = `<p class="fail" role="alert">${esc(err.message)}</p>`;
    return false;
  }
  for (const f of t.credential_fields) if (form.elements[f.name]) form.elements[f.name].value = '';
  if (res.test.success) {
    result.innerHTML = `<p class="check" data-testid="test-ok">✓ Connected (${res.test.latency_ms} ms)</p><p><a href="#/connectors/${esc(id)}">Open the connector</a></p>`;
    announce('Connected');
    return res.test;
  } else {
    result.innerHTML = `<p class="fail" data-testid="test-failed">✗ ${esc(res.test.error?.message ?? 'The connection test failed')}</p>
      <p class="help">Check the credentials and try again.</p><p><a href="#/connectors/${esc(id)}">Open the connector to retry</a></p>`;
    announce('The connection test failed');
    return false;
  }
}

async function authorize(id, popup) {
  const { authorize_url, expires_at } = await api('POST', `/connectors/${id}/oauth/authorize`, {});
  if (popup) popup.location.href = authorize_url;
  else window.open(authorize_url, 'tributary-authorize');
  const result = $('#add-result') ?? $('#connector-result');
  if (result) result.innerHTML = '<p>Waiting for you to approve access in the new window…</p>';
  // Stop waiting when the authorization link itself expires.
  const deadline = Date.parse(expires_at);
  await new Promise((resolve) => {
    const t = setInterval(async () => {
      const c = await api('GET', `/connectors/${id}`).catch(() => null);
      const done = c && (c.status === 'connected' || RULES.authorizationEndedReasons.includes(c.status_reason));
      if (done || Date.now() > deadline) {
        clearInterval(t);
        if (result) {
          result.innerHTML = c?.status === 'connected'
            ? `<p class="check" data-testid="test-ok">✓ Connected</p><p><a href="#/connectors/${esc(id)}">Open the connector</a></p>`
            : `<p class="fail" data-testid="test-failed">✗ ${esc(c?.status_message ?? c?.status_reason ?? 'Authorization did not complete')}</p><p><a href="#/connectors/${esc(id)}">Open the connector to retry</a></p>`;
        }
        announce(c?.status === 'connected' ? 'Connected' : 'Authorization did not complete');
        resolve();
      }
    }, 1000);
  });
}

// ---------- connector view ----------

async function showConnector(id, tab = 'schedule') {
  let c;
  try {
    c = await api('GET', `/connectors/${id}`);
  } catch (err) {
    view.innerHTML = `<h2>Connector</h2><p class="error">${esc(err.message)}</p><p><a href="#/">Back to integrations</a></p>`;
    return;
  }
  const type = await api('GET', `/connector-types/${c.type}`);
  const active = RULES.syncable.includes(c.status);
  view.innerHTML = `
    <p><a href="#/">← Integrations</a></p>
    <h2>${esc(c.name)} <span class="meta">(${esc(type.name)})</span></h2>
    <p>${badge(c.status)} <span class="help" data-testid="status-help">${esc(STATUS_HELP[c.status])}${c.status_message ? ` — ${esc(c.status_message)}` : ''}</span></p>
    <div class="row" role="group" aria-label="Actions">
      <button type="button" id="sync-now" ${active ? '' : 'disabled'}>Sync now</button>
      ${RULES.resumable.includes(c.status) ? '<button type="button" id="resume">Resume</button>' : `<button type="button" id="pause" ${RULES.pausable.includes(c.status) ? '' : 'disabled'}>Pause</button>`}
      ${type.auth === 'oauth2' ? '<button type="button" id="reauthorize">Re-authorize</button>' : ''}
      ${type.auth === 'api_key' && c.status !== 'connected' ? '<button type="button" id="retest">Test again</button>' : ''}
      <button type="button" id="delete" class="danger">Delete…</button>
    </div>
    <div id="connector-result" aria-live="polite"></div>
    ${type.auth === 'api_key' && c.status === 'pending' ? credentialsForm(type) : ''}
    ${type.config_fields.length ? configForm(type, c) : ''}
    <div class="tabs" role="tablist" aria-label="Connector sections">
      <button type="button" role="tab" id="tab-schedule" aria-controls="panel" aria-selected="${tab === 'schedule'}">Schedule</button>
      <button type="button" role="tab" id="tab-history" aria-controls="panel" aria-selected="${tab === 'history'}">Sync history</button>
      <button type="button" role="tab" id="tab-records" aria-controls="panel" aria-selected="${tab === 'records'}">Records</button>
    </div>
    <section id="panel" role="tabpanel" aria-labelledby="tab-${tab}"></section>`;
  const result = $('#connector-result');
  const act = async (fn, ok) => {
    try {
      await fn();
      await showConnector(id, tab);
      if (ok) announce(ok);
    } catch (err) {
      result.innerHTML = `<p class="fail" role="alert">${esc(err.message)}</p>`;
    }
  };
  $('#sync-now')?.addEventListener('click', () => act(() => api('POST', `/connectors/${id}/sync`), 'Sync started').then(() => showConnector(id, 'history')));
  $('#pause')?.addEventListener('click', () => act(() => api('POST', `/connectors/${id}/pause`), 'Paused'));
  $('#resume')?.addEventListener('click', () => act(() => api('POST', `/connectors/${id}/resume`), 'Resumed'));
  $('#reauthorize')?.addEventListener('click', async () => {
    const popup = window.open('about:blank', 'tributary-authorize');
    await authorize(id, popup).catch((err) => (result.innerHTML = `<p class="fail" role="alert">${esc(err.message)}</p>`));
    await showConnector(id, tab);
  });
  $('#retest')?.addEventListener('click', () =>
    act(async () => {
      const r = await api('POST', `/connectors/${id}/test`);
      if (!r.success) throw new Error(r.error?.message ?? 'The connection test failed');
    }, 'Connection test passed'),
  );
  $('#delete').addEventListener('click', () => {
    if (confirm(`Delete "${c.name}"? Its schedule stops and its credentials are removed. This cannot be undone.`)) {
      act(() => api('DELETE', `/connectors/${id}`), 'Deleted').then(() => (location.hash = '#/'));
    }
  });
  const credForm = $('#cred-form');
  credForm?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const div = document.createElement('div');
    div.id = 'add-result';
    result.replaceChildren(div);
    const ok = await saveCredentials(id, type, credForm);
    if (ok) {
      await showConnector(id, tab);
      $('#connector-result').innerHTML = `<p class="check" data-testid="test-ok">✓ Connected (${ok.latency_ms} ms)</p>`;
    }
  });
  $('#config-form')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const config = Object.fromEntries(type.config_fields.map((f) => {
      const v = e.target.elements[f.name].value;
      return [f.name, f.type === 'string_list' ? v.split(',').map((x) => x.trim()).filter(Boolean) : v.trim()];
    }));
    try {
      await api('PATCH', `/connectors/${id}`, { config });
      const t = c.has_credentials ? await api('POST', `/connectors/${id}/test`) : null;
      await showConnector(id, tab);
      const failed = t && !t.success;
      $('#connector-result').innerHTML = failed ? `<p class="fail" role="alert">Saved, but the connection test failed: ${esc(t.error.message)}</p>` : '<p class="check">✓ Settings saved</p>';
      announce(failed ? 'Settings saved; the connection test failed' : 'Settings saved');
    } catch (err) {
      $('#config-error').textContent = err.message;
    }
  });
  $('#tab-schedule').addEventListener('click', () => showConnector(id, 'schedule'));
  $('#tab-history').addEventListener('click', () => showConnector(id, 'history'));
  $('#tab-records').addEventListener('click', () => showConnector(id, 'records'));
  view.querySelectorAll('[role=tab]').forEach((t, i, all) =>
    t.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') all[(i + (e.key === 'ArrowRight' ? 1 : all.length - 1)) % all.length].click();
    }),
  );
  if (tab === 'schedule') await schedulePanel(c);
  else if (tab === 'history') await historyPanel(c);
  else await recordsPanel(c);
}

/** The type's settings (never secret), e.g. GitHub's organizations and repositories; lists as comma-separated text. */
function configForm(t, c) {
  return `<form id="config-form" class="panel" novalidate aria-label="Settings">
    ${t.config_fields.map((f) => {
      const v = c.config[f.name];
      return `<label for="config-${esc(f.name)}">${esc(f.label)}</label>
      <input id="config-${esc(f.name)}" name="${esc(f.name)}" type="text" value="${esc(Array.isArray(v) ? v.join(', ') : (v ?? ''))}" aria-describedby="config-${esc(f.name)}-help">
      <p class="help" id="config-${esc(f.name)}-help">${esc(f.description)}${f.type === 'string_list' ? ' (comma-separated)' : ''}</p>`;
    }).join('')}
    <p class="error" id="config-error" role="alert"></p>
    <button type="submit">Save settings</button></form>`;
}

function credentialsForm(t) {
  return `<form id="cred-form" class="panel" novalidate aria-label="Credentials">
    ${t.credential_fields.map((f) => `<label for="cred-${esc(f.name)}">${esc(f.label)}</label>
      <input id="cred-${esc(f.name)}" name="${esc(f.name)}" type="${f.secret ? 'password' : 'text'}" autocomplete="off">`).join('')}
    <button type="submit" class="primary">Save and test</button></form>`;
}

async function schedulePanel(c) {
  const panel = $('#panel');
  const [s, backfills] = await Promise.all([api('GET', `/connectors/${c.id}/schedule`), api('GET', `/connectors/${c.id}/backfills`).catch(() => ({ data: [] }))]);
  const isCron = s.cron !== null;
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  panel.innerHTML = `
    <h3>Schedule</h3>
    <p data-testid="next-run">Next run: <strong>${s.paused ? 'paused' : fmt(s.next_run_at)}</strong></p>
    <form id="schedule-form" novalidate>
      <fieldset><legend>Run</legend>
        <label><input type="radio" name="kind" value="interval" ${isCron ? '' : 'checked'}> Every N minutes</label>
        <label><input type="radio" name="kind" value="cron" ${isCron ? 'checked' : ''}> On a cron schedule</label>
      </fieldset>
      <label for="interval">Interval (minutes, 5–10080)</label>
      <input id="interval" name="interval_minutes" type="number" min="5" max="10080" value="${s.interval_minutes ?? 30}">
      <label for="cron">Cron expression</label>
      <input id="cron" name="cron" type="text" placeholder="30 9 * * MON-FRI" value="${esc(s.cron ?? '')}">
      <label for="timezone">Time zone</label>
      <input id="timezone" name="timezone" type="text" placeholder="Europe/Berlin" value="${esc(s.timezone ?? 'UTC')}">
      <p class="error" id="schedule-error" role="alert"></p>
      <button type="submit" class="primary">Save schedule</button>
    </form>
    <h3>Historical backfill</h3>
    ${backfills.data.map((b) => `
      <div class="panel" data-testid="backfill">
        <p>${esc(b.window.start.slice(0, 10))} → ${esc(b.window.end.slice(0, 10))}: <strong data-testid="backfill-status">${esc(b.status)}</strong></p>
        <progress max="${b.chunks_total}" value="${b.chunks_done}" aria-label="Backfill progress">${b.chunks_done}/${b.chunks_total}</progress>
        <span>${b.chunks_done}/${b.chunks_total} chunks · ${b.records} records${b.estimated_seconds_left ? ` · about ${Math.ceil(b.estimated_seconds_left)} s left` : ''}</span>
        ${b.temporal_ui_url ? `<a href="${esc(b.temporal_ui_url)}" target="_blank" rel="noopener">Temporal</a>` : ''}
        ${b.status === 'running' || b.status === 'queued' ? `<button type="button" data-cancel="${esc(b.id)}">Cancel</button>` : ''}
        ${b.error ? `<p class="fail">${esc(b.error.message)}</p>` : ''}
      </div>`).join('')}
    <form id="backfill-form" novalidate>
      <div class="row">
        <div><label for="bf-start">From</label><input id="bf-start" name="start" type="date" value="${monthAgo}"></div>
        <div><label for="bf-end">To (exclusive)</label><input id="bf-end" name="end" type="date" value="${today}"></div>
        <div><label for="bf-chunk">Chunk</label><select id="bf-chunk" name="chunk"><option value="P1D">1 day</option><option value="PT6H">6 hours</option><option value="P7D">7 days</option></select></div>
      </div>
      <p class="error" id="backfill-error" role="alert"></p>
      <button type="submit" ${RULES.backfillable.includes(c.status) ? '' : 'disabled'}>Start backfill</button>
    </form>`;
  $('#schedule-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target.elements;
    const body = f.kind.value === 'cron' ? { cron: f.cron.value.trim(), timezone: f.timezone.value.trim() || 'UTC' } : { interval_minutes: Number(f.interval_minutes.value) };
    try {
      await api('PUT', `/connectors/${c.id}/schedule`, body);
      await showConnector(c.id, 'schedule');
      announce('Schedule saved');
    } catch (err) {
      $('#schedule-error').textContent = err.message;
    }
  });
  $('#backfill-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target.elements;
    try {
      await api('POST', `/connectors/${c.id}/backfills`, { start: `${f.start.value}T00:00:00Z`, end: `${f.end.value}T00:00:00Z`, chunk: f.chunk.value });
      await showConnector(c.id, 'schedule');
      announce('Backfill started');
    } catch (err) {
      $('#backfill-error').textContent = err.message;
    }
  });
  panel.querySelectorAll('[data-cancel]').forEach((b) =>
    b.addEventListener('click', async () => {
      await api('POST', `/connectors/${c.id}/backfills/${b.dataset.cancel}/cancel`).catch(() => undefined);
      await showConnector(c.id, 'schedule');
    }),
  );
  if (backfills.data.some((b) => b.status === 'running' || b.status === 'queued')) {
    pollTimer = setTimeout(() => location.hash.endsWith(c.id) && showConnector(c.id, 'schedule'), 1500);
  }
}

async function historyPanel(c) {
  const panel = $('#panel');
  const runs = await api('GET', `/connectors/${c.id}/sync-runs?limit=20`);
  panel.innerHTML = `
    <h3>Sync history</h3>
    ${runs.data.length === 0 ? '<p class="help">No syncs yet.</p>' : `
    <table data-testid="runs"><thead><tr><th scope="col">Started</th><th scope="col">Trigger</th><th scope="col">Status</th><th scope="col">Fetched</th><th scope="col">Added</th><th scope="col">Updated</th><th scope="col">Unchanged</th><th scope="col">Deleted</th><th scope="col">Details</th></tr></thead><tbody>
    ${runs.data.map((r) => `<tr data-testid="run-row">
      <td>${fmt(r.started_at ?? r.created_at)}</td><td>${esc(r.trigger)}</td><td data-testid="run-status">${esc(r.status)}</td>
      <td>${r.records_fetched}</td><td data-testid="run-added">${r.records_added}</td><td data-testid="run-updated">${r.records_updated}</td><td>${r.records_unchanged}</td><td data-testid="run-deleted">${r.records_deleted}</td>
      <td>${r.error ? `<p class="fail">${esc(r.error.message)}</p>` : ''}
        <details><summary>Log (${r.log.length})</summary><pre>${esc(r.log.map((l) => `${l.at} ${l.level} ${l.message}`).join('\n'))}</pre></details>
        ${r.temporal_ui_url ? `<a href="${esc(r.temporal_ui_url)}" target="_blank" rel="noopener">Temporal UI</a>` : ''}</td></tr>`).join('')}
    </tbody></table>`}`;
  if (runs.data.some((r) => r.status === 'queued' || r.status === 'running')) {
    pollTimer = setTimeout(() => location.hash.endsWith(c.id) && showConnector(c.id, 'history'), 1000);
  }
}

/** The latest changes to the connector's records, newest first, from the changes feed; older ones on request. */
async function recordsPanel(c, before) {
  const panel = $('#panel');
  const page = await api('GET', `/connectors/${c.id}/changes?order=desc&limit=50${before ? `&before=${encodeURIComponent(before)}` : ''}`);
  const rows = page.data.map((x) => `<tr data-testid="change-row">
      <td>${fmt(x.changed_at)}</td><td><span class="badge ${esc(x.action)}" data-testid="change-action">${esc(x.action)}</span></td>
      <td data-testid="change-version">${x.version}</td><td>${esc(x.record.kind)}</td>
      <td>${x.record.url ? `<a href="${esc(x.record.url)}" target="_blank" rel="noopener">${esc(x.record.title)}</a>` : esc(x.record.title)}</td>
      <td class="meta">${esc(x.source.type === 'backfill' ? 'backfill' : 'sync')}</td></tr>`).join('');
  if (before) {
    $('#changes tbody').insertAdjacentHTML('beforeend', rows);
  } else {
    panel.innerHTML = `
      <h3>Records</h3>
      <p class="help">The latest changes to this connector's records, newest first: <strong>added</strong>, <strong>updated</strong> (a new version) or <strong>deleted</strong> at the provider.</p>
      ${page.data.length === 0 ? '<p class="help">No records yet.</p>' : `
      <table id="changes" data-testid="changes"><thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Version</th><th scope="col">Kind</th><th scope="col">Title</th><th scope="col">By</th></tr></thead><tbody>${rows}</tbody></table>`}
      <p><button type="button" id="older" hidden>Older changes</button></p>`;
  }
  const older = $('#older');
  older.hidden = !page.next_cursor;
  older.onclick = () => recordsPanel(c, page.next_cursor);
}

// ---------- boot ----------

if (sessionStorage.getItem(KEY)) start();
else signOut();
