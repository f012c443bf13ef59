import { boot, proxy, h, mount, showErrors, clearErrors, notice, confirmDialog, messageOf, when } from '../app.js';

// What each type asks for. Secret fields are write-only: an edit leaves them empty, and an empty
// secret field is not sent, so the stored value stays.
const TYPES = {
  webhook: [
    { name: 'url', label: 'Endpoint URL', type: 'url', placeholder: 'https://example.com/hooks/vivreal' },
    { name: 'signingSecret', label: 'Signing secret', secret: true, placeholder: 'whsec_…',
      help: 'Deliveries are signed with the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature).' },
  ],
  slack: [{ name: 'webhookUrl', label: 'Incoming webhook URL', secret: true, placeholder: 'https://hooks.slack.com/services/…' }],
  discord: [{ name: 'webhookUrl', label: 'Webhook URL', secret: true, placeholder: 'https://discord.com/api/webhooks/…' }],
  mastodon: [
    { name: 'instanceUrl', label: 'Instance URL', type: 'url', placeholder: 'https://mastodon.social' },
    { name: 'accessToken', label: 'Access token', secret: true },
  ],
  bluesky: [
    { name: 'service', label: 'Server (PDS), optional', type: 'url', optional: true, placeholder: 'https://bsky.social',
      help: 'Leave empty for accounts on bsky.social.' },
    { name: 'handle', label: 'Handle', placeholder: 'alice.bsky.social' },
    { name: 'appPassword', label: 'App password', secret: true, placeholder: 'xxxx-xxxx-xxxx-xxxx',
      help: 'Make one in Bluesky under Settings → Privacy and security → App passwords. Never your account password.' },
  ],
  custom: [
    { name: 'url', label: 'URL', type: 'url', placeholder: 'https://example.com/endpoint' },
    { name: 'headerName', label: 'Secret header name (optional)', placeholder: 'X-Api-Key', local: true },
    { name: 'headerValue', label: 'Secret header value', secret: true, local: true },
  ],
  // connected through OAuth: no settings; the connection holds the tokens
  linkedin: [],
  newsletter: [
    { name: 'subscribersTypeId', label: 'Subscribers content type id', placeholder: 'the id of a type that accepts submissions',
      help: 'Sign-ups sent to this type (subscribeUser with an email) get a confirmation mail; confirmed ones receive each published item. See Subscribers.' },
    { name: 'fromName', label: 'Sender name (optional)', placeholder: 'The Fan Club', optional: true },
    { name: 'itemUrl', label: 'Item link (optional)', type: 'url', placeholder: 'https://example.com/posts/{slug}', optional: true },
  ],
};

// What the provider's redirect back to /auth/connections/callback came to (?connection=...).
const CONNECTION_RESULTS = {
  connected: ['Connected. Posts to this channel now go out as the connected account.', 'ok'],
  denied: ['The connection was refused at the provider; nothing was stored.', 'error'],
  failed: ['Connecting did not complete (the provider could not be reached or answered unexpectedly). Try again.', 'error'],
};

const me = await boot();
const canManage = me.active.role === 'owner' || me.active.role === 'admin';
const list = document.getElementById('channels-list');
const form = document.getElementById('channel-form');
const typeSelect = document.getElementById('channel-type');
let editing = null;

if (!canManage) {
  document.getElementById('channels-denied').classList.remove('hidden');
} else {
  document.getElementById('new-channel').classList.remove('hidden');
  document.getElementById('new-channel').addEventListener('click', () => openForm(null));
  document.getElementById('cancel-channel').addEventListener('click', closeForm);
  typeSelect.addEventListener('change', () => renderSettings(null));
  form.addEventListener('submit', save);
  document.getElementById('close-log').addEventListener('click', closeLog);
  document.getElementById('recover-form').addEventListener('submit', recover);
  showConnectionResult();
  await load();
}

function showConnectionResult() {
  const params = new URLSearchParams(window.location.search);
  const result = CONNECTION_RESULTS[params.get('connection')];
  if (!result) return;
  const banner = h('div', { id: 'connection-result', class: result[1] === 'error' ? 'form-error' : 'notice', role: 'status',
    dataset: { result: params.get('connection') } }, result[0]);
  list.before(banner);
  window.history.replaceState(null, '', window.location.pathname);
}

async function load() {
  const result = await proxy('GET', 'channels');
  if (!result.ok) { mount(list, h('div', { class: 'form-error' }, messageOf(result))); return; }
  if (!result.data.length) {
    mount(list, h('div', { class: 'empty', id: 'channels-empty' },
      'No channels yet. Add a webhook to rebuild your site when you publish, or post to Slack, Discord or Mastodon.'));
    return;
  }
  mount(list, h('table', { id: 'channels' },
    h('thead', {}, h('tr', {}, ['Name', 'Type', 'Settings', 'Health', 'Updated', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, result.data.map((c) => h('tr', { dataset: { channelId: c._id } },
      h('td', {}, c.name),
      h('td', {}, h('span', { class: 'badge' }, c.type)),
      h('td', {}, c.connection ? connection(c) : describe(c)),
      h('td', { class: 'channel-health' }, health(c)),
      h('td', {}, when(c.updatedAt)),
      h('td', { class: 'actions-cell' },
        h('button', { type: 'button', class: 'secondary show-deliveries', on: { click: () => openLog(c) } }, 'Deliveries'),
        ' ',
        h('button', { type: 'button', class: 'secondary test-channel', on: { click: (e) => test(c, e.target) } }, 'Send test'),
        ' ',
        ...connectionButtons(c),
        h('button', { type: 'button', class: 'secondary edit-channel', on: { click: () => openForm(c) } }, 'Edit'),
        ' ',
        h('button', { type: 'button', class: 'danger delete-channel', on: { click: () => remove(c) } }, 'Delete')))))));
}

function connection(channel) {
  const c = channel.connection;
  const labels = { connected: 'connected', needsReconnect: 'needs reconnecting', disconnected: 'not connected' };
  const kind = c.status === 'connected' ? 'badge' : (c.status === 'needsReconnect' ? 'badge danger' : 'badge warn');
  return h('div', { class: 'channel-connection', dataset: { status: c.status } },
    h('span', { class: kind }, labels[c.status] || c.status),
    c.accountHandle ? h('div', { class: 'muted' }, 'as ' + c.accountHandle) : null,
    c.status === 'connected' && c.expiresAt ? h('div', { class: 'muted' }, 'token until ' + when(c.expiresAt)) : null,
    c.status === 'needsReconnect'
      ? h('div', { class: 'muted' }, 'The platform refused the token; posts fail until you reconnect.')
      : null);
}

function connectionButtons(channel) {
  if (!channel.connection) return [];
  const status = channel.connection.status;
  const buttons = [];
  if (status === 'disconnected' || status === 'needsReconnect') {
    buttons.push(h('button', { type: 'button', class: 'connect-channel', on: { click: (e) => connect(channel, e.target) } },
      status === 'needsReconnect' ? 'Reconnect' : 'Connect'), ' ');
  }
  if (status !== 'disconnected') {
    buttons.push(h('button', { type: 'button', class: 'secondary disconnect-channel', on: { click: () => disconnect(channel) } },
      'Disconnect'), ' ');
  }
  return buttons;
}

async function connect(channel, button) {
  button.disabled = true;
  const result = await proxy('POST', 'channels/' + channel._id + '/connect');
  if (!result.ok) { button.disabled = false; notice(messageOf(result), 'error'); return; }
  window.location.assign(result.data.authorizeUrl);
}

async function disconnect(channel) {
  if (!(await confirmDialog('Disconnect “' + channel.name + '”? Its tokens are deleted; posts fail until you connect again.', 'Disconnect'))) return;
  const result = await proxy('DELETE', 'channels/' + channel._id + '/connection');
  if (!result.ok) { notice(messageOf(result), 'error'); return; }
  notice('Disconnected; the tokens are deleted.');
  await load();
}

function health(channel) {
  const state = channel.health || {};
  if (state.disabled) return h('span', { class: 'badge danger' }, 'disabled');
  if (state.failureStreak > 0) return h('span', { class: 'badge warn' }, state.failureStreak + ' failing');
  return h('span', { class: 'muted' }, state.lastSuccessAt ? 'ok · ' + when(state.lastSuccessAt) : 'no deliveries yet');
}

// ---- the delivery log of one channel --------------------------------------------------------

let logChannel = null;

async function openLog(channel) {
  logChannel = channel;
  document.getElementById('delivery-log').classList.remove('hidden');
  document.getElementById('delivery-log-title').textContent = 'Deliveries of “' + channel.name + '”';
  await refreshLog();
}

function closeLog() {
  logChannel = null;
  document.getElementById('delivery-log').classList.add('hidden');
}

async function refreshLog() {
  if (!logChannel) return;
  const [channel, deliveries] = await Promise.all([
    proxy('GET', 'channels/' + logChannel._id),
    proxy('GET', 'deliveries?channelId=' + encodeURIComponent(logChannel._id) + '&limit=50'),
  ]);
  const banner = document.getElementById('delivery-log-banner');
  if (channel.ok && channel.data.health && channel.data.health.disabled) {
    mount(banner, h('div', { class: 'form-error', id: 'channel-disabled-banner', role: 'alert' },
      'This channel is disabled: ' + (channel.data.health.disabledReason || 'it failed for too long') +
        '. Nothing is sent to it until it is enabled again. ',
      h('button', { type: 'button', id: 'enable-channel', on: { click: enable } }, 'Enable')));
  } else {
    mount(banner);
  }
  const list = document.getElementById('deliveries');
  if (!deliveries.ok) { mount(list, h('div', { class: 'form-error' }, messageOf(deliveries))); return; }
  if (!deliveries.data.deliveries.length) {
    mount(list, h('div', { class: 'empty', id: 'deliveries-empty' }, 'Nothing was delivered to this channel yet.'));
    return;
  }
  mount(list, h('table', { id: 'deliveries-table' },
    h('thead', {}, h('tr', {}, ['Event', 'Item', 'Status', 'Attempts', 'Next attempt', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, deliveries.data.deliveries.map((d) => [
      h('tr', { class: 'delivery', dataset: { deliveryId: d.deliveryId, status: d.status } },
        h('td', {}, d.eventType),
        h('td', {}, h('code', {}, d.itemId || '—')),
        h('td', {}, h('span', { class: 'badge delivery-status' }, d.status)),
        h('td', {}, String(d.attempts.length)),
        h('td', {}, when(d.nextAttemptAt)),
        h('td', { class: 'actions-cell' },
          h('button', { type: 'button', class: 'secondary resend-delivery', on: { click: (e) => resend(d, e.target) } }, 'Resend'))),
      h('tr', { class: 'attempts' }, h('td', { colspan: '6' }, timeline(d))),
    ]))));
}

function timeline(delivery) {
  if (!delivery.attempts.length) return h('span', { class: 'muted' }, 'Not attempted yet.');
  return h('ol', { class: 'attempt-timeline' }, delivery.attempts.map((a) => h('li', { class: 'attempt' },
    '#' + a.n + ' · ' + when(a.at) + ' · ' + a.durationMs + ' ms · ',
    a.status ? h('strong', {}, 'HTTP ' + a.status) : h('strong', {}, a.error || 'no answer'),
    a.body ? h('pre', { class: 'answer-excerpt' }, a.body) : null)));
}

async function resend(delivery, button) {
  button.disabled = true;
  const result = await proxy('POST', 'deliveries/' + delivery.deliveryId + '/resend');
  button.disabled = false;
  if (!result.ok) { notice(messageOf(result), 'error'); return; }
  notice('Queued again with the same webhook-id.');
  await refreshLog();
}

async function recover(event) {
  event.preventDefault();
  const form = document.getElementById('recover-form');
  clearErrors(form);
  const local = document.getElementById('recover-since').value;
  const since = local ? new Date(local) : null;
  if (!since || isNaN(since)) { showErrors(form, { data: { field: 'since', message: 'Choose a date and time.' } }); return; }
  const result = await proxy('POST', 'channels/' + logChannel._id + '/recover', { since: since.toISOString() });
  if (!result.ok) { showErrors(form, result); return; }
  const count = result.data && (result.data.requeued ?? result.data.count);
  notice(count === undefined ? 'Failed deliveries queued again.' : count + ' deliveries queued again.');
  await refreshLog();
}

async function enable() {
  const result = await proxy('POST', 'channels/' + logChannel._id + '/enable');
  if (!result.ok) { notice(messageOf(result), 'error'); return; }
  notice('Channel enabled.');
  await refreshLog();
  await load();
}

function describe(channel) {
  return Object.entries(channel.settings).map(([key, value]) =>
    h('div', { class: 'muted' }, key + ': ', typeof value === 'object' && value
      ? Object.entries(value).map(([k, v]) => k + ' ' + v).join(', ')
      : String(value)));
}

const DEFAULT_EVENTS = ['content.published', 'content.updated'];
let contentTypes = null;

async function renderSubscriptions(channel) {
  const events = channel && channel.events ? channel.events : DEFAULT_EVENTS;
  for (const box of form.querySelectorAll('input[name=event]')) box.checked = events.includes(box.value);
  if (contentTypes === null) {
    const result = await proxy('GET', 'content-types');
    contentTypes = result.ok ? result.data : [];
  }
  const chosen = channel && channel.contentTypes ? channel.contentTypes : [];
  mount(document.getElementById('channel-content-type-list'), contentTypes.length
    ? contentTypes.map((t) => h('label', {},
      h('input', { type: 'checkbox', name: 'contentType', value: t._id, props: { checked: chosen.includes(t._id) } }),
      ' ' + t.name))
    : 'No content types yet.');
}

function subscriptionsFromForm() {
  return {
    events: [...form.querySelectorAll('input[name=event]:checked')].map((box) => box.value),
    contentTypes: [...form.querySelectorAll('input[name=contentType]:checked')].map((box) => box.value),
  };
}

function openForm(channel) {
  editing = channel;
  clearErrors(form);
  form.classList.remove('hidden');
  document.getElementById('channel-form-title').textContent = channel ? 'Edit “' + channel.name + '”' : 'New channel';
  document.getElementById('channel-name').value = channel ? channel.name : '';
  typeSelect.value = channel ? channel.type : 'webhook';
  typeSelect.disabled = Boolean(channel);
  renderSettings(channel);
  renderSubscriptions(channel);
  document.getElementById('channel-name').focus();
}

function closeForm() {
  editing = null;
  form.classList.add('hidden');
}

function renderSettings(channel) {
  const fields = TYPES[typeSelect.value];
  if (!fields.length) {
    mount(document.getElementById('channel-settings'), h('p', { class: 'muted', id: 'oauth-settings-help' },
      'No settings to enter: save the channel, then use Connect to sign in to the account. ' +
        'The tokens are encrypted and never shown.'));
    return;
  }
  const headerNames = channel && channel.settings.secretHeaders ? Object.keys(channel.settings.secretHeaders) : [];
  mount(document.getElementById('channel-settings'), fields.map((f) => {
    const current = channel ? channel.settings[f.name] : undefined;
    const value = f.secret ? '' : (f.name === 'headerName' ? (headerNames[0] || '') : (current || ''));
    const placeholder = f.secret && channel
      ? (current || (f.name === 'headerValue' && headerNames[0] ? channel.settings.secretHeaders[headerNames[0]] : '')) + ' — leave empty to keep'
      : (f.placeholder || '');
    return h('div', { class: 'field' },
      h('label', { for: 'setting-' + f.name }, f.label, f.secret ? h('span', { class: 'muted' }, ' (secret)') : null),
      h('input', { id: 'setting-' + f.name, type: f.secret ? 'password' : (f.type || 'text'), autocomplete: 'off',
        'data-field': f.local ? 'settings.secretHeaders' : 'settings.' + f.name, value, placeholder }),
      f.help ? h('div', { class: 'muted' }, f.help) : null);
  }));
}

function settingsFromForm() {
  const settings = {};
  for (const f of TYPES[typeSelect.value]) {
    const value = document.getElementById('setting-' + f.name).value.trim();
    if (f.local) continue;
    if (f.secret && value === '') continue; // keep the stored secret
    if (f.optional && value === '') { settings[f.name] = null; continue; } // the default
    settings[f.name] = value;
  }
  if (typeSelect.value === 'custom') {
    const name = document.getElementById('setting-headerName').value.trim();
    const value = document.getElementById('setting-headerValue').value;
    if (name && value) settings.secretHeaders = { [name]: value };
  }
  return settings;
}

async function save(event) {
  event.preventDefault();
  clearErrors(form);
  const button = document.getElementById('save-channel');
  button.disabled = true;
  const body = { name: document.getElementById('channel-name').value.trim(), settings: settingsFromForm(), ...subscriptionsFromForm() };
  const result = editing
    ? await proxy('PUT', 'channels/' + editing._id, body)
    : await proxy('POST', 'channels', { type: typeSelect.value, ...body });
  button.disabled = false;
  if (!result.ok) { showErrors(form, result); return; }
  notice(editing ? 'Channel saved.' : 'Channel created.');
  closeForm();
  await load();
}

async function test(channel, button) {
  button.disabled = true;
  const result = await proxy('POST', 'channels/' + channel._id + '/test');
  button.disabled = false;
  if (!result.ok) { notice(messageOf(result), 'error'); return; }
  const r = result.data;
  if (r.status === 'delivered') notice('Delivered — the receiver answered with success.');
  else if (r.error === 'needs_reconnect') notice('Not delivered: the account needs connecting again (Connect or Reconnect).', 'error');
  else if (r.error === 'refused_by_guard') notice('Not delivered: the address is not one channels may reach.', 'error');
  else notice('Not delivered: the receiver did not answer with success. Check the URL; the delivery log shows what real deliveries got back.', 'error');
}

async function remove(channel) {
  if (!(await confirmDialog('Delete the channel “' + channel.name + '”? Its stored secrets are deleted with it.', 'Delete'))) return;
  const result = await proxy('DELETE', 'channels/' + channel._id);
  if (!result.ok) { notice(messageOf(result), 'error'); return; }
  notice('Channel deleted.');
  await load();
}
