import { boot, proxy, h, mount, when, messageOf } from '../app.js';

const PAGE = 50;
const DENIED = 'Only owners and admins can see the audit log.';

const me = await boot();
const body = document.getElementById('audit-body');
const errorBox = document.getElementById('audit-error');
const more = document.getElementById('more-audit');
let entries = [];
let people = new Map(); // userId → email, to show actors by name

if (me.active.role !== 'owner' && me.active.role !== 'admin') {
  denied();
} else {
  document.getElementById('load-more').addEventListener('click', (event) => loadPage(entries.length, event.target));
  const [, members] = await Promise.all([loadPage(0), proxy('GET', 'members')]);
  if (members.ok && Array.isArray(members.data)) {
    people = new Map(members.data.map((m) => [m.userId, m.email || m.name || m.userId]));
    render();
  }
}

function denied() {
  mount(body, h('p', { class: 'empty', id: 'audit-denied' }, DENIED, ' ',
    h('a', { href: '/app/dashboard' }, 'Back to the dashboard')));
}

async function loadPage(skip, button) {
  if (button) button.disabled = true;
  const result = await proxy('GET', 'audit?limit=' + PAGE + '&skip=' + skip);
  if (button) button.disabled = false;
  if (!result.ok) {
    if (result.status === 403) { denied(); return; }
    if (skip === 0) mount(body);
    errorBox.textContent = messageOf(result);
    return;
  }
  errorBox.textContent = '';
  const page = Array.isArray(result.data) ? result.data : [];
  entries = skip === 0 ? page : entries.concat(page);
  more.classList.toggle('hidden', page.length < PAGE);
  render();
}

function render() {
  if (!entries.length) {
    mount(body, h('p', { class: 'empty' }, 'Nothing recorded yet.'));
    return;
  }
  // The server answers newest first; a stable sort keeps that true across appended pages.
  const sorted = [...entries].sort((a, b) => (Date.parse(b.at) || 0) - (Date.parse(a.at) || 0));
  mount(body, h('table', { id: 'audit' },
    h('thead', {}, h('tr', {},
      h('th', {}, 'When'), h('th', {}, 'Action'), h('th', {}, 'Actor'), h('th', {}, 'Entity type'), h('th', {}, 'Entity id'))),
    h('tbody', {}, sorted.map((entry) => h('tr', { dataset: { action: entry.action || '' } },
      h('td', { class: 'nowrap' }, h('time', { datetime: entry.at || '', text: when(entry.at) })),
      h('td', {}, h('span', { class: 'badge', text: entry.action || '—' })),
      h('td', { title: entry.actor || '' }, actor(entry.actor)),
      h('td', { text: entry.entityType || '—' }),
      h('td', {}, entity(entry)))))));
}

function actor(userId) {
  if (!userId) return '—';
  if (userId === me.user.userId) return (me.user.email || userId) + ' (you)';
  return people.get(userId) || userId;
}

function entity(entry) {
  if (!entry.entityId) return '—';
  const id = h('code', { text: entry.entityId });
  const person = entry.entityType === 'member' && people.get(entry.entityId);
  return person ? [person, ' ', h('span', { class: 'muted small' }, id)] : id;
}
