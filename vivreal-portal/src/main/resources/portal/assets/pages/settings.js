import { boot, proxy, h, mount, notice, messageOf, confirmDialog, when } from '../app.js';

/** The overlap choices for a roll: how long the old key keeps working. */
const OVERLAPS = [['PT1H', '1 hour'], ['PT24H', '24 hours'], ['P3D', '3 days'], ['P7D', '7 days']];

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

renderContactAddresses();

/**
 * Where the sites' contact forms may send mail: nowhere else, so a form cannot become a relay.
 * Owners and admins only — the same people who may see the key.
 */
async function renderContactAddresses() {
  const contact = document.getElementById('contact-section');
  if (!canSeeKey) {
    mount(contact, h('p', { class: 'muted', id: 'contact-restricted' },
      'Only owners and admins can see or change where contact forms send mail.'));
    return;
  }
  const result = await proxy('GET', 'contact-addresses');
  if (!result.ok) { mount(contact, h('p', { class: 'error' }, messageOf(result))); return; }
  const list = h('textarea', { id: 'contact-addresses', rows: 3, 'aria-label': 'Contact addresses, one per line',
    props: { value: result.data.addresses.join('\n') } });
  const save = h('button', { type: 'submit', id: 'save-contact-addresses' }, 'Save addresses');
  mount(contact,
    h('p', {}, 'Your sites\' contact forms (sendContactEmail) send mail only to these addresses, at most 10, one per line.'),
    h('form', { on: { submit: async (event) => {
      event.preventDefault();
      const addresses = list.value.split('\n').map((line) => line.trim()).filter((line) => line);
      save.disabled = true;
      const saved = await proxy('PUT', 'contact-addresses', { addresses });
      save.disabled = false;
      if (!saved.ok) { notice(messageOf(saved), 'error'); return; }
      list.value = saved.data.addresses.join('\n');
      notice('Contact addresses saved');
    } } }, list, h('div', { class: 'actions' }, save)));
}

function renderHidden(info) {
  mount(section,
    h('p', {}, 'Your websites send this key to the Client API (server-side only — never put it in browser code).'),
    info ? h('p', { class: 'muted' }, 'Created ' + when(info.createdAt)) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'reveal-key', on: { click: reveal } }, 'Reveal key'),
      rollControls(),
      h('button', { type: 'button', class: 'danger', id: 'regenerate-key', on: { click: regenerate } }, 'Regenerate key')));
}

/** Roll with overlap: a new key now, the old one still working for the chosen time. */
function rollControls() {
  const select = h('select', { id: 'roll-overlap', 'aria-label': 'Old key keeps working for' },
    ...OVERLAPS.map(([value, label]) => h('option', { value, props: { selected: value === 'PT24H' } }, label)));
  return h('span', { class: 'roll' },
    h('label', { for: 'roll-overlap' }, 'Old key keeps working for '), select,
    h('button', { type: 'button', id: 'roll-key', on: { click: (event) => roll(event, select.value) } }, 'Roll key'));
}

function renderKey(data) {
  const key = data.apiKey;
  const value = h('code', { class: 'secret', id: 'api-key-value' }, key);
  mount(section,
    value,
    h('p', { class: 'muted', id: 'current-key-use' },
      'Created ' + when(data.createdAt) + ' · last used ' + (data.lastUsedAt ? when(data.lastUsedAt) : 'never')),
    data.previous ? previousKey(data.previous, data.createdAt) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'copy-key', on: { click: async () => {
        try { await navigator.clipboard.writeText(key); notice('Key copied'); }
        catch { selectText(value); notice('Select the key and copy it with Ctrl+C', 'error'); }
      } } }, 'Copy'),
      h('button', { type: 'button', class: 'secondary', id: 'refresh-key', on: { click: reveal } }, 'Refresh'),
      h('button', { type: 'button', class: 'secondary', id: 'hide-key', on: { click: () => renderHidden() } }, 'Hide'),
      rollControls(),
      h('button', { type: 'button', class: 'danger', id: 'regenerate-key', on: { click: regenerate } }, 'Regenerate key')));
}

/**
 * The rolled-away key during its overlap: when it stops, when a site last used it, and whether any
 * site still seems to — a use after the roll means some site has not switched yet.
 */
function previousKey(previous, rolledAt) {
  const stillUsed = previous.lastUsedAt && new Date(previous.lastUsedAt) > new Date(rolledAt);
  return h('div', { class: 'card', id: 'previous-key' },
    h('p', {}, 'Previous key ', h('code', {}, previous.prefix + '…'), ' keeps working until ' + when(previous.expiresAt) + '.'),
    h('p', { class: 'muted', id: 'previous-key-use' },
      'Last used ' + (previous.lastUsedAt ? when(previous.lastUsedAt) : 'never')),
    h('p', { class: stillUsed ? 'warning' : 'muted', id: 'previous-key-hint' }, stillUsed
      ? 'Sites are still using the old key (last at ' + when(previous.lastUsedAt) + '). Update them before revoking it.'
      : 'No site has used the old key since the roll. You can revoke it now.'),
    h('button', { type: 'button', class: 'danger', id: 'revoke-previous', on: { click: revokePrevious } }, 'Revoke old key now'));
}

async function roll(event, overlap) {
  const label = OVERLAPS.find(([value]) => value === overlap)[1];
  const sure = await confirmDialog('Roll the API key? You get a new key now; the old one keeps working for ' +
    label + ', so put the new key in your sites before then.', 'Roll key', false);
  if (!sure) return;
  event.target.disabled = true;
  const result = await proxy('POST', 'api-key/roll', { overlap });
  event.target.disabled = false;
  if (!result.ok) { notice(messageOf(result), 'error'); return; }
  notice('A new key was created; the old one works until ' + when(result.data.previous.expiresAt) + '.');
  renderKey({ apiKey: result.data.apiKey, createdAt: result.data.createdAt, lastUsedAt: null, previous: result.data.previous });
}

async function revokePrevious(event) {
  const sure = await confirmDialog('Revoke the old key now? Sites still using it stop working within a second.',
    'Revoke old key');
  if (!sure) return;
  event.target.disabled = true;
  const result = await proxy('POST', 'api-key/previous/revoke');
  event.target.disabled = false;
  if (!result.ok && result.status !== 404) { notice(messageOf(result), 'error'); return; }
  notice('The old key no longer works.');
  await reveal({ target: event.target });
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
  renderKey(result.data);
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
  renderKey({ apiKey: result.data.apiKey, createdAt: result.data.createdAt, lastUsedAt: null, previous: null });
}

/** The group's sign-in policy: owners can require a second factor of every member. */
async function renderSecurity() {
  const area = document.getElementById('security-section');
  const result = await proxy('GET', 'security');
  if (!result.ok) { mount(area, h('p', { class: 'form-error', text: messageOf(result) })); return; }
  const isOwner = active.role === 'owner';
  const box = h('input', { type: 'checkbox', id: 'require-two-factor',
    props: { checked: result.data.requireTwoFactor, disabled: !isOwner } });
  const status = h('p', { class: 'form-error', id: 'security-error', role: 'alert' });
  box.addEventListener('change', async () => {
    status.textContent = '';
    box.disabled = true;
    const saved = await proxy('PUT', 'security', { requireTwoFactor: box.checked });
    box.disabled = false;
    if (!saved.ok) {
      box.checked = !box.checked;
      status.textContent = saved.data && saved.data.error === 'two_factor_not_enabled'
        ? 'Set up your own two-factor sign-in first (Two-factor, at the top).'
        : messageOf(saved);
      return;
    }
    notice(box.checked ? 'Every member now needs a second factor' : 'A second factor is now optional');
  });
  mount(area,
    h('label', { for: 'require-two-factor', class: 'checkbox' }, box, ' Require two-factor sign-in for every member'),
    h('p', { class: 'muted' }, isOwner
      ? 'Members without it are sent to set it up before the group opens.'
      : 'Only owners can change this.'),
    status);
}

renderSecurity();
