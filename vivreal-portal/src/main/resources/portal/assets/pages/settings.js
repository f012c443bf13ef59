import { boot, proxy, h, mount, notice, messageOf, confirmDialog, when } from '../app.js';

const me = await boot();
const active = me.active;

mount(document.getElementById('group-details'),
  h('dl', {},
    h('dt', {}, 'Group'), h('dd', { id: 'group-name' }, active.groupName),
    h('dt', {}, 'Group ID'), h('dd', {}, h('code', {}, active.groupID)),
    h('dt', {}, 'Tier'), h('dd', {}, active.tier, ' · ', h('a', { href: '/app/pricing' }, 'compare tiers')),
    h('dt', {}, 'Your role'), h('dd', { id: 'my-role' }, active.role)));

const section = document.getElementById('api-key-section');
const canSeeKey = active.role === 'owner' || active.role === 'admin';

if (!canSeeKey) {
  // Editors and viewers never receive the key: nothing here asks the server for it.
  mount(section, h('p', { class: 'muted', id: 'api-key-restricted' },
    'Only owners and admins can see or change the API key. Ask one of them if your website needs it.'));
} else {
  renderHidden();
}

function renderHidden(info) {
  mount(section,
    h('p', {}, 'Your websites send this key to the Client API (server-side only — never put it in browser code).'),
    info ? h('p', { class: 'muted' }, 'Created ' + when(info.createdAt)) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'reveal-key', on: { click: reveal } }, 'Reveal key'),
      h('button', { type: 'button', class: 'danger', id: 'regenerate-key', on: { click: regenerate } }, 'Regenerate key')));
}

function renderKey(key, createdAt, lastUsedAt) {
  const value = h('code', { class: 'secret', id: 'api-key-value' }, key);
  mount(section,
    value,
    h('p', { class: 'muted' }, 'Created ' + when(createdAt) + (lastUsedAt !== undefined ? ' · last used ' + when(lastUsedAt) : '')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'copy-key', on: { click: async () => {
        try { await navigator.clipboard.writeText(key); notice('Key copied'); }
        catch { selectText(value); notice('Select the key and copy it with Ctrl+C', 'error'); }
      } } }, 'Copy'),
      h('button', { type: 'button', class: 'secondary', id: 'hide-key', on: { click: () => renderHidden() } }, 'Hide'),
      h('button', { type: 'button', class: 'danger', id: 'regenerate-key', on: { click: regenerate } }, 'Regenerate key')));
}

function selectText(node) {
  const range = document.createRange();
  range.selectNodeContents(node);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

async function reveal(event) {
  event.target.disabled = true;
  const result = await proxy('GET', 'api-key');
  event.target.disabled = false;
  if (!result.ok) { notice(messageOf(result), 'error'); return; }
  renderKey(result.data.apiKey, result.data.createdAt, result.data.lastUsedAt);
}

async function regenerate(event) {
  const sure = await confirmDialog(
    'Regenerate the API key? Live sites using the old key will stop working within a second, ' +
    'until you put the new key in their settings.', 'Regenerate key');
  if (!sure) return;
  event.target.disabled = true;
  const result = await proxy('POST', 'api-key/regenerate');
  event.target.disabled = false;
  if (!result.ok) { notice(messageOf(result), 'error'); return; }
  notice('A new key was created; the old one no longer works.');
  renderKey(result.data.apiKey, result.data.createdAt);
}
