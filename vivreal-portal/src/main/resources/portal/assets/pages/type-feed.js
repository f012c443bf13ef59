// The feed settings of one content type (owners and admins): enable, pick the fields that fill a
// feed entry, and copy the public URLs. The server checks every choice against the schema and
// answers 400 naming the setting; the URLs keep working across edits and disable/enable.
import { proxy, h, mount, showErrors, clearErrors, notice } from '../app.js';

const TEXT_TYPES = ['text', 'longText', 'slug', 'enum'];
const DATE_TYPES = ['date', 'dateTime'];
const LABELS = { rss: 'RSS 2.0', atom: 'Atom 1.0', json: 'JSON Feed 1.1', ics: 'iCalendar' };

/** A section for the type editor; loads the stored settings itself. */
export function feedSection(type) {
  const box = h('section', { id: 'feed-settings', class: 'card', 'aria-labelledby': 'feed-title' },
    h('h3', { id: 'feed-title', text: 'Feed' }), h('p', { class: 'muted', text: 'Loading…' }));
  load(type, box);
  return box;
}

async function load(type, box) {
  const result = await proxy('GET', 'content-types/' + encodeURIComponent(type._id) + '/feed');
  render(type, box, result.ok ? result.data : null);
}

function select(id, setting, fields, chosen, allowNone) {
  const options = fields.map((f) => h('option', { value: f.name, props: { selected: f.name === chosen } }, f.name));
  if (allowNone) options.unshift(h('option', { value: '', props: { selected: !chosen } }, 'None (no calendar)'));
  return h('select', { id, dataset: { field: setting } }, options);
}

function render(type, box, feed) {
  const texts = (type.fields || []).filter((f) => TEXT_TYPES.includes(f.type));
  const dates = (type.fields || []).filter((f) => DATE_TYPES.includes(f.type));
  const heading = h('h3', { id: 'feed-title', text: 'Feed' });
  if (!texts.length) {
    mount(box, heading, h('p', { class: 'muted', id: 'feed-unavailable',
      text: 'A feed needs at least one text field to use as its title.' }));
    return;
  }
  const first = texts[0].name;
  const enabled = h('input', { id: 'feed-enabled', type: 'checkbox', dataset: { field: 'enabled' },
    props: { checked: !!(feed && feed.enabled) } });
  const title = select('feed-title-field', 'titleField', texts, feed ? feed.titleField : first);
  const summary = select('feed-summary-field', 'summaryField', texts, feed ? feed.summaryField : first);
  const content = select('feed-content-field', 'contentField', texts, feed ? feed.contentField : first);
  const date = select('feed-date-field', 'dateField', dates, feed ? feed.dateField : null, true);
  const form = h('form', { id: 'feed-form', novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    clearErrors(form);
    const body = { enabled: enabled.checked, titleField: title.value, summaryField: summary.value,
      contentField: content.value, dateField: date.value || null };
    const saved = await proxy('PUT', 'content-types/' + encodeURIComponent(type._id) + '/feed', body);
    if (!saved.ok) { showErrors(form, saved); return; }
    notice(saved.data.enabled ? 'The feed is public.' : 'The feed is off.');
    render(type, box, saved.data);
  } } },
  h('div', { class: 'form-error', role: 'alert' }),
  h('div', { class: 'field' }, h('label', { class: 'check' }, enabled, ' Publish a public feed of this type ',
    h('span', { class: 'hint', text: '(published items only, newest 50; no API key needed)' }))),
  h('div', { class: 'field' }, h('label', { for: title.id }, 'Entry title'), title),
  h('div', { class: 'field' }, h('label', { for: summary.id }, 'Summary'), summary),
  h('div', { class: 'field' }, h('label', { for: content.id }, 'Content'), content),
  dates.length ? h('div', { class: 'field' }, h('label', { for: date.id }, 'Event date (for a calendar)'), date) : null,
  h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'save-feed' }, 'Save feed')));
  mount(box, heading, form, feed && feed.enabled ? urls(feed.urls) : null);
}

function urls(list) {
  return h('ul', { id: 'feed-urls', class: 'plain' }, Object.entries(list || {}).map(([format, url]) =>
    h('li', { dataset: { format } }, h('span', { text: (LABELS[format] || format) + ': ' }),
      h('input', { type: 'text', class: 'feed-url', readonly: true, value: url, 'aria-label': LABELS[format] || format }),
      h('button', { type: 'button', class: 'secondary copy-url', on: { click: async () => {
        try { await navigator.clipboard.writeText(url); notice('Copied.'); } catch { notice('Select the address and copy it.', 'error'); }
      } } }, 'Copy'))));
}
