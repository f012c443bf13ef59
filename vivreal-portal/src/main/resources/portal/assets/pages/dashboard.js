import { boot, proxy, h, mount, when, messageOf, bytes, isUnlimited } from '../app.js';

// The quotas the usage route answers, in the order they are shown.
const QUOTAS = [
  ['contentItems', 'Content items', count],
  ['contentTypes', 'Content types', count],
  ['seats', 'Members', count],
  ['mediaBytes', 'Media storage', bytes],
  ['sites', 'Sites', count],
];

function count(n) {
  return isUnlimited(n) ? 'Unlimited' : Number(n).toLocaleString();
}

const me = await boot();
const group = me.active;
document.getElementById('dashboard-title').textContent = group.groupName;
document.title = group.groupName + ' · Vivreal';

const canSeeEvents = group.role === 'owner' || group.role === 'admin';
const [usage, events] = await Promise.all([
  proxy('GET', 'usage'),
  canSeeEvents ? proxy('GET', 'events') : Promise.resolve(null),
]);

renderUsage(usage);
if (events) renderEvents(events);

function renderUsage(result) {
  const section = document.getElementById('usage');
  const heading = h('h2', { id: 'usage-title' }, 'Usage');
  if (!result.ok) {
    mount(section, heading, h('div', { class: 'form-error', role: 'alert', text: messageOf(result) }));
    return;
  }
  const { tier, quotas = {} } = result.data;
  const cards = QUOTAS.filter(([key]) => quotas[key]).map(([key, label, format]) => {
    const { used, limit } = quotas[key];
    const unlimited = isUnlimited(limit);
    const share = unlimited || limit <= 0 ? 0 : Math.min(1, used / limit);
    const full = !unlimited && used >= limit;
    const bar = h('span');
    bar.style.width = (share * 100).toFixed(1) + '%';
    return h('div', { class: 'card quota', dataset: { quota: key } },
      h('div', { class: 'quota-label' }, label),
      h('div', { class: 'quota-value' },
        h('strong', { text: format(used) }), ' of ', unlimited ? 'Unlimited' : format(limit)),
      h('div', {
        class: full ? 'meter full' : 'meter', role: 'progressbar', 'aria-label': label,
        'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(share * 100),
      }, bar),
      full ? h('div', { class: 'quota-note' }, 'Limit reached — ', h('a', { href: '/app/pricing' }, 'see plans')) : null);
  });
  mount(section,
    h('div', { class: 'section-head' }, heading,
      h('span', { class: 'badge tier', id: 'usage-tier', title: 'Tier' }, tier),
      h('a', { href: '/app/pricing?current=' + encodeURIComponent(tier), class: 'muted' }, 'Compare tiers')),
    cards.length ? h('div', { class: 'grid' }, cards) : h('p', { class: 'empty' }, 'No usage to show yet.'));

  if (result.data.api) section.append(apiChart(result.data.api));

  const types = quotas.contentTypes;
  if (types && types.used === 0) renderGettingStarted();
}

// The Client API's calls per day for the last 30 days as an SVG bar chart (attributes only, no
// inline styles), each bar titled with its date, calls and bytes, and the totals beside it.
function apiChart(api) {
  const SVG = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs, ...children) => {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    node.append(...children);
    return node;
  };
  const days = Array.isArray(api.days) ? api.days : [];
  const width = 600;
  const height = 120;
  const slot = width / Math.max(days.length, 1);
  const most = Math.max(1, ...days.map((day) => day.calls));
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height + 16}`, class: 'usage-chart', role: 'img',
    'aria-label': `Client API calls per day, last ${days.length} days`,
  });
  days.forEach((day, i) => {
    const barHeight = day.calls === 0 ? 0 : Math.max(2, (day.calls / most) * height);
    const bar = svg('rect', {
      x: (i * slot + 1).toFixed(1), y: (height - barHeight).toFixed(1),
      width: Math.max(1, slot - 2).toFixed(1), height: barHeight.toFixed(1),
      class: 'usage-bar', 'data-date': day.date, 'data-calls': day.calls, 'data-bytes': day.bytes,
    }, svg('title', {}, `${day.date}: ${Number(day.calls).toLocaleString('en')} calls, ${bytes(day.bytes)}`));
    chart.append(bar);
  });
  if (days.length) {
    chart.append(svg('text', { x: 0, y: height + 14, class: 'usage-axis' }, days[0].date));
    chart.append(svg('text', { x: width, y: height + 14, class: 'usage-axis end' }, days[days.length - 1].date));
  }
  return h('div', { class: 'card', id: 'api-usage' },
    h('div', { class: 'section-head' },
      h('h3', {}, 'Client API'),
      h('span', { class: 'muted', id: 'api-usage-totals' },
        `${Number(api.calls).toLocaleString('en')} calls · ${bytes(api.bytes)} served in ${days.length} days`)),
    chart);
}

function renderGettingStarted() {
  const canDefine = group.role === 'owner' || group.role === 'admin';
  mount(document.getElementById('getting-started'),
    h('div', { class: 'empty welcome', id: 'empty-group' },
      h('h2', {}, 'Welcome to ' + group.groupName),
      h('p', {}, canDefine
        ? 'This group has no content yet. Start by defining a content type — the fields your posts, products or pages will have.'
        : 'This group has no content types yet. An owner or admin of the group can define the first one.'),
      h('div', { class: 'actions centered' },
        canDefine ? h('a', { class: 'button', href: '/app/types', id: 'create-first-type' }, 'Create a content type') : null,
        h('a', { class: 'button secondary', href: '/app/team' }, canDefine ? 'Invite your team' : 'See your team'),
        group.role !== 'viewer' ? h('a', { class: 'button secondary', href: '/app/media' }, 'Upload media') : null)));
}

function renderEvents(result) {
  const section = document.getElementById('recent-events');
  const body = document.getElementById('events-body');
  section.classList.remove('hidden');
  if (!result.ok) {
    mount(body, h('p', { class: 'muted', text: 'Recent events are unavailable: ' + messageOf(result) }));
    return;
  }
  const list = Array.isArray(result.data) ? result.data.slice(0, 10) : [];
  if (!list.length) {
    mount(body, h('p', { class: 'empty' }, 'No content events yet. Publishing an item records one here.'));
    return;
  }
  mount(body, h('table', { id: 'events' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Event'), h('th', {}, 'Item'), h('th', {}, 'Content type'),
      h('th', {}, 'Publish date'), h('th', {}, 'Recorded'))),
    h('tbody', {}, list.map((event) => h('tr', {},
      h('td', {}, h('span', { class: 'badge', text: event.type || '—' })),
      h('td', {}, h('code', { text: event.itemId || '—' })),
      h('td', {}, h('code', { text: event.collectionId || '—' })),
      h('td', { text: when(event.publishDate) }),
      h('td', { text: when(event.createdAt) }))))));
}
