import { boot, proxy, h, mount, when, messageOf, notice, showErrors, clearErrors } from '../app.js';

// The composer: every change asks the server for the preview (the exact text each channel will
// receive, counted its network's way), so the counters and the previews are the server's, never a
// guess made here. The calendar lists a month of posts with each channel's status and permalink.

await boot();
const form = document.getElementById('composer');
const typeSelect = document.getElementById('post-type');
const itemSelect = document.getElementById('post-item');
const channelList = document.getElementById('post-channel-list');
const at = document.getElementById('post-at');
const previews = document.getElementById('previews');
const status = document.getElementById('composer-status');
let channels = [];
let month = new Date();
month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1));
let timer = null;
let previewToken = 0; // an answer to an older preview request is dropped

await Promise.all([loadTypes(), loadChannels(), loadMonth()]);
typeSelect.addEventListener('change', loadItems);
itemSelect.addEventListener('change', schedulePreview);
at.addEventListener('change', schedulePreview);
form.addEventListener('submit', submit);
document.getElementById('prev-month').addEventListener('click', () => shiftMonth(-1));
document.getElementById('next-month').addEventListener('click', () => shiftMonth(1));

async function loadTypes() {
  const result = await proxy('GET', 'content-types');
  if (!result.ok) return;
  const types = Array.isArray(result.data) ? result.data : (result.data.contentTypes || result.data.items || []);
  for (const type of types) typeSelect.append(h('option', { value: type._id }, type.name));
}

async function loadItems() {
  mount(itemSelect, h('option', { value: '' }, '—'));
  if (typeSelect.value) {
    const result = await proxy('GET', 'content-types/' + typeSelect.value + '/items?limit=100');
    const items = result.ok ? (result.data.items || []) : [];
    for (const item of items) {
      const value = item.objectValue || {};
      const label = value.title || value.name || Object.values(value).find((v) => typeof v === 'string') || item._id;
      itemSelect.append(h('option', { value: item._id }, String(label).slice(0, 80)));
    }
  }
  schedulePreview();
}

async function loadChannels() {
  const result = await proxy('GET', 'posts/channels');
  channels = result.ok ? result.data.channels : [];
  if (!channels.length) {
    mount(channelList, h('p', { class: 'empty' }, 'No channels yet: an owner or admin adds them under Channels.'));
    return;
  }
  mount(channelList, channels.map((channel) => h('div', { class: 'field post-channel', dataset: { channelId: channel.channelId } },
    h('label', {}, h('input', { type: 'checkbox', class: 'channel-pick', value: channel.channelId,
      on: { change: schedulePreview } }), ' ', channel.name, ' ', h('span', { class: 'badge', text: channel.platform })),
    h('textarea', { class: 'channel-text', rows: 3, 'aria-label': 'Text for ' + channel.name,
      placeholder: channel.hasTemplate ? 'Empty: the channel\u2019s template' : 'Empty: {title} {url}',
      on: { input: schedulePreview } }))));
}

function body() {
  const picked = [...channelList.querySelectorAll('.post-channel')]
    .filter((row) => row.querySelector('.channel-pick').checked)
    .map((row) => {
      const text = row.querySelector('.channel-text').value;
      return text.trim() ? { channelId: row.dataset.channelId, text } : { channelId: row.dataset.channelId };
    });
  const request = { channels: picked };
  if (itemSelect.value) request.itemId = itemSelect.value;
  if (at.value) {
    const date = new Date(at.value);
    if (!isNaN(date)) request.publishAt = date.toISOString();
  }
  return request;
}

function schedulePreview() {
  clearTimeout(timer);
  timer = setTimeout(preview, 250);
}

async function preview() {
  const request = body();
  const token = ++previewToken;
  if (!request.channels.length) { mount(previews); return; }
  const result = await proxy('POST', 'posts/preview', request);
  if (token !== previewToken) return;
  if (!result.ok) {
    mount(previews, h('p', { class: 'form-error', id: 'preview-error', text: messageOf(result) }));
    return;
  }
  mount(previews, result.data.channels.map((channel) => {
    const name = (channels.find((c) => c.channelId === channel.channelId) || {}).name || channel.channelId;
    const limit = channel.limit === null ? '' : ' / ' + channel.limit;
    return h('div', { class: 'card preview' + (channel.ok ? '' : ' over'), dataset: { channelId: channel.channelId } },
      h('div', { class: 'section-head' },
        h('strong', { text: name }),
        h('span', { class: 'badge counter' + (channel.ok ? '' : ' over'), text: channel.count + limit })),
      h('p', { class: 'preview-text', text: channel.text }),
      channel.problem ? h('p', { class: 'field-error', text: channel.problem }) : null);
  }));
}

async function submit(event) {
  event.preventDefault();
  clearErrors(form);
  const request = body();
  const result = await proxy('POST', 'posts', request);
  if (!result.ok) {
    showErrors(form, result);
    return;
  }
  status.textContent = request.publishAt ? 'Scheduled.' : 'Posting now.';
  notice(request.publishAt ? 'Post scheduled' : 'Posting');
  clearTimeout(timer);
  previewToken++;
  form.reset();
  channelList.querySelectorAll('.channel-text').forEach((t) => { t.value = ''; });
  mount(previews);
  await loadMonth();
  watch(result.data.postId);
}

/** Follows a new post until every channel has an outcome, refreshing the calendar. */
async function watch(postId) {
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const result = await proxy('GET', 'posts/' + postId);
    if (!result.ok) return;
    await loadMonth();
    if (result.data.integrationObjects.every((o) => !['scheduled', 'publishing'].includes(o.status))) return;
  }
}

function shiftMonth(by) {
  month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + by, 1));
  loadMonth();
}

async function loadMonth() {
  const next = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
  document.getElementById('month-title').textContent =
    month.toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const result = await proxy('GET', 'posts?from=' + month.toISOString() + '&to=' + next.toISOString());
  const calendar = document.getElementById('calendar');
  if (!result.ok) { mount(calendar, h('p', { class: 'form-error', text: messageOf(result) })); return; }
  const posts = result.data.posts;
  if (!posts.length) { mount(calendar, h('p', { class: 'empty' }, 'No posts this month.')); return; }
  mount(calendar, h('table', { id: 'posts-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Channel'), h('th', {}, 'Text'),
      h('th', {}, 'Status'), h('th', {}, ''))),
    h('tbody', {}, posts.flatMap((post) => post.integrationObjects.map((object) =>
      h('tr', { dataset: { postId: post.postId, channelId: object.channelId, status: object.status } },
        h('td', { class: 'nowrap' }, h('time', { datetime: object.publishDate || post.publishAt,
          text: when(object.publishDate || post.publishAt) })),
        h('td', {}, object.accountHandle || '', ' ', h('span', { class: 'badge', text: object.platform })),
        h('td', { text: (object.objectValue && object.objectValue.text || '').slice(0, 140) }),
        h('td', {}, h('span', { class: 'badge ' + object.status, text: object.status }),
          object.errorMessage ? h('div', { class: 'small muted', text: object.errorMessage }) : null),
        h('td', { class: 'actions-cell' },
          object.permalink ? h('a', { class: 'permalink', href: object.permalink, target: '_blank', rel: 'noopener' }, 'View') : null,
          object.status === 'scheduled' ? h('button', { type: 'button', class: 'small secondary cancel-post',
            on: { click: () => cancel(post.postId) } }, 'Cancel') : null,
          object.status === 'unknown' ? confirmButtons(post.postId, object.channelId) : null)))))));
}

function confirmButtons(postId, channelId) {
  const settle = (answer) => async () => {
    const result = await proxy('POST', 'posts/' + postId + '/confirm', { channelId, status: answer });
    if (!result.ok) notice(messageOf(result), 'error');
    await loadMonth();
  };
  return [h('button', { type: 'button', class: 'small', on: { click: settle('published') } }, 'It was posted'),
    h('button', { type: 'button', class: 'small secondary', on: { click: settle('failed') } }, 'It was not')];
}

async function cancel(postId) {
  const result = await proxy('DELETE', 'posts/' + postId);
  if (!result.ok) notice(messageOf(result), 'error'); else notice('Post cancelled');
  await loadMonth();
}
