import { boot, proxy, h, mount, when, messageOf, confirmDialog, notice } from '../app.js';

const PAGE = 50;
const DENIED = 'Only owners and admins can see subscribers.';

const me = await boot();
const body = document.getElementById('subscribers-body');
const errorBox = document.getElementById('subscribers-error');
const more = document.getElementById('more-subscribers');
const count = document.getElementById('subscribers-count');
const filter = document.getElementById('status-filter');
const exportLink = document.getElementById('export-csv');
let rows = [];

if (me.active.role !== 'owner' && me.active.role !== 'admin') {
  denied();
} else {
  filter.addEventListener('change', () => { exportHref(); loadPage(0); });
  document.getElementById('load-more').addEventListener('click', (event) => loadPage(rows.length, event.target));
  exportHref();
  await loadPage(0);
}

function denied() {
  exportLink.classList.add('hidden');
  mount(body, h('p', { class: 'empty', id: 'subscribers-denied' }, DENIED, ' ',
    h('a', { href: '/app/dashboard' }, 'Back to the dashboard')));
}

function query() {
  return filter.value ? 'status=' + encodeURIComponent(filter.value) : '';
}

function exportHref() {
  exportLink.href = '/app/api/proxy/subscribers.csv' + (query() ? '?' + query() : '');
}

async function loadPage(skip, button) {
  if (button) button.disabled = true;
  const result = await proxy('GET', 'subscribers?limit=' + PAGE + '&skip=' + skip + (query() ? '&' + query() : ''));
  if (button) button.disabled = false;
  if (!result.ok) {
    if (result.status === 403) { denied(); return; }
    if (skip === 0) mount(body);
    errorBox.textContent = messageOf(result);
    return;
  }
  errorBox.textContent = '';
  const page = Array.isArray(result.data.items) ? result.data.items : [];
  rows = skip === 0 ? page : rows.concat(page);
  count.textContent = result.data.totalCount + (result.data.totalCount === 1 ? ' subscriber' : ' subscribers');
  more.classList.toggle('hidden', rows.length >= result.data.totalCount);
  render();
}

function render() {
  if (!rows.length) {
    mount(body, h('p', { class: 'empty' }, 'No subscribers yet. A site form that sends subscribeUser with an email adds them.'));
    return;
  }
  mount(body, h('table', { id: 'subscribers' },
    h('thead', {}, h('tr', {},
      h('th', {}, 'Address'), h('th', {}, 'Status'), h('th', {}, 'Signed up'), h('th', {}, 'Confirmed'), h('th', {}, ''))),
    h('tbody', {}, rows.map((row) => h('tr', { dataset: { status: row.status, id: row.subscriberId } },
      h('td', { text: row.email }),
      h('td', {}, h('span', { class: 'badge', text: row.status })),
      h('td', { class: 'nowrap' }, h('time', { datetime: row.createdAt || '', text: when(row.createdAt) })),
      h('td', { class: 'nowrap' }, row.confirmedAt ? h('time', { datetime: row.confirmedAt, text: when(row.confirmedAt) }) : '—'),
      h('td', {}, h('button', { type: 'button', class: 'secondary small', on: { click: () => remove(row) } }, 'Delete')))))));
}

async function remove(row) {
  if (!await confirmDialog('Delete ' + row.email + ' from the list? They will get no more newsletters.', 'Delete')) return;
  const result = await proxy('DELETE', 'subscribers/' + row.subscriberId);
  if (!result.ok) {
    errorBox.textContent = messageOf(result);
    return;
  }
  notice('Subscriber deleted.');
  await loadPage(0);
}
