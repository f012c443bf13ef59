// Content: the items of one content type (?type=<typeId>, ?item=<itemId>), and an editor form
// generated from the type's schema. Saves send the version the edit was based on, so a concurrent
// change is refused (409 stale_version) instead of silently overwritten; a failed save keeps the
// form as the user left it, and leaving with unsaved edits asks first.
import { boot, proxy, h, mount, showErrors, clearErrors, notice, confirmDialog, messageOf, when, param }
  from '../app.js';

const PAGE_SIZE = 20;
const TEXT_TYPES = ['text', 'longText', 'slug'];
const MAX_TEXT = { text: 5000, longText: 500000, slug: 200 };
const TYPE_HINT = {
  text: 'text', longText: 'long text', slug: 'slug: lowercase-words-and-digits', enum: 'choice', list: 'list',
  integer: 'whole number', decimal: 'number', boolean: 'yes / no', date: 'date', dateTime: 'date and time',
  time: 'time', image: 'image', file: 'file', video: 'video',
};

const me = await boot();
const role = me.active.role;
const canEdit = ['owner', 'admin', 'editor'].includes(role);
const canAdmin = ['owner', 'admin'].includes(role);

const picker = document.getElementById('type-picker');
const searchInput = document.getElementById('search');
const statusFilter = document.getElementById('status-filter');
const sortSelect = document.getElementById('sort');
const newButton = document.getElementById('new-item');
const itemsArea = document.getElementById('items-area');
const editorArea = document.getElementById('editor');

const state = {
  types: [],
  type: null,
  items: [],
  total: 0,
  skip: 0,
  open: false, // the editor is showing
  item: null, // the item being edited, or null for a new one
  dirty: false,
  clockOffset: 0, // server time minus browser time, from the Date header
  members: null,
};

let form = null;
let widgets = []; // [{spec, widget}]
let loadToken = 0;
let uid = 0;
const nextId = (prefix) => prefix + '-' + (++uid);
const enc = encodeURIComponent;

if (!canEdit) document.getElementById('role-note').classList.remove('hidden');

window.addEventListener('beforeunload', (event) => {
  if (state.open && state.dirty) {
    event.preventDefault();
    event.returnValue = '';
  }
});

// ---------------------------------------------------------------------------------------------
// Types, filters and the list

async function init() {
  const wantedItem = param('item'); // read before selectType() rewrites the address
  const result = await call('GET', 'content-types');
  if (!result.ok) {
    mount(itemsArea, h('div', { class: 'form-error', role: 'alert', text: 'Could not load the content types: ' + messageOf(result) }),
      h('button', { type: 'button', class: 'secondary', on: { click: init } }, 'Try again'));
    return;
  }
  state.types = Array.isArray(result.data) ? result.data : [];
  if (!state.types.length) {
    mount(picker, h('option', { value: '' }, 'No content types'));
    picker.disabled = true;
    searchInput.disabled = true;
    mount(itemsArea, h('div', { class: 'empty', id: 'no-types' },
      h('p', { text: 'No content types yet — create the first one before adding content.' }),
      canAdmin ? h('a', { class: 'button', href: '/app/types#new' }, 'Create a content type')
        : h('p', { class: 'muted', text: 'An owner or admin of this group can create one.' })));
    return;
  }
  mount(picker, state.types.map((t) => h('option', { value: t._id }, t.name)));
  picker.disabled = false;
  const wanted = param('type');
  const type = state.types.find((t) => t._id === wanted) || state.types[0];
  if (wanted && type._id !== wanted) notice('That content type no longer exists; showing “' + type.name + '”.', 'error');
  picker.value = type._id;
  selectType(type);
  await loadItems();
  if (wantedItem === 'new' && canEdit) openNew(true);
  else if (wantedItem && wantedItem !== 'new') openItem(wantedItem, true);
}

picker.addEventListener('change', async () => {
  const type = state.types.find((t) => t._id === picker.value);
  if (!type || (state.type && type._id === state.type._id)) return;
  if (!(await leaveOk())) { picker.value = state.type._id; return; }
  closeEditor();
  selectType(type);
  loadItems();
});

function selectType(type) {
  state.type = type;
  state.skip = 0;
  const searchable = type.fields.some((f) => TEXT_TYPES.includes(f.type));
  searchInput.disabled = !searchable;
  searchInput.placeholder = searchable ? 'Search the text fields' : 'This type has no text fields to search';
  if (!searchable) searchInput.value = '';
  newButton.classList.toggle('hidden', !canEdit);
  setAddress();
}

let searchTimer = null;
searchInput.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => { state.skip = 0; loadItems(); }, 300);
});
searchInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') { event.preventDefault(); clearTimeout(searchTimer); state.skip = 0; loadItems(); }
});
statusFilter.addEventListener('change', () => { state.skip = 0; loadItems(); });
sortSelect.addEventListener('change', () => { state.skip = 0; loadItems(); });
newButton.addEventListener('click', () => openNew(false));

/** The list route with the Management API's query grammar: limit, skip, sort, search, status. */
async function loadItems() {
  const type = state.type;
  if (!type) return;
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), skip: String(state.skip) });
  const search = searchInput.value.trim();
  if (search && !searchInput.disabled) query.set('search', search);
  if (statusFilter.value) query.set('status', statusFilter.value);
  if (sortSelect.value) query.set('sort', sortSelect.value);
  const token = ++loadToken;
  const result = await call('GET', 'content-types/' + enc(type._id) + '/items?' + query);
  if (token !== loadToken) return; // a newer query answered (or will answer) instead
  if (!result.ok) {
    mount(itemsArea, h('div', { class: 'form-error', role: 'alert', text: 'Could not load the items: ' + messageOf(result) }),
      h('button', { type: 'button', class: 'secondary', id: 'retry-items', on: { click: loadItems } }, 'Try again'));
    return;
  }
  state.items = result.data.items || [];
  state.total = result.data.totalCount || 0;
  if (!state.items.length && state.skip > 0) { state.skip = 0; loadItems(); return; }
  renderItems(Boolean(search || statusFilter.value));
}

function renderItems(filtered) {
  const type = state.type;
  const table = h('table', { id: 'items', class: state.items.length ? null : 'hidden' },
    h('thead', {}, h('tr', {},
      h('th', { text: 'Item' }), h('th', { text: 'Status' }), h('th', { text: 'Publish date' }),
      h('th', { text: 'Updated' }), h('th', { text: 'Version' }))),
    h('tbody', {}, state.items.map((item) => h('tr', {
      class: 'clickable' + (state.open && state.item && state.item._id === item._id ? ' selected' : ''),
      dataset: { itemId: item._id, status: item.status },
      on: { click: () => openItem(item._id, false) },
    },
    h('td', {}, h('button', { type: 'button', class: 'link open-item' }, titleOf(item, type))),
    h('td', {}, statusBadge(item.status)),
    h('td', {}, when(item.publishDate)),
    h('td', {}, when(item.updatedAt)),
    h('td', {}, 'v' + item.version)))));
  let empty = null;
  if (!state.items.length) {
    empty = h('div', { class: 'empty', id: 'items-empty' },
      filtered ? h('p', { text: 'No items match this search or status.' })
        : h('p', { text: 'No ' + type.name + ' yet' + (canEdit ? ' — create the first one.' : '.') }),
      !filtered && canEdit ? h('button', { type: 'button', id: 'create-first-item', on: { click: () => openNew(false) } },
        'Create the first item') : null);
  }
  const from = state.total ? state.skip + 1 : 0;
  const to = state.skip + state.items.length;
  const pager = state.total > PAGE_SIZE || state.skip > 0
    ? h('div', { class: 'pager' },
      h('span', { class: 'muted', text: from + '–' + to + ' of ' + state.total }),
      h('button', { type: 'button', id: 'prev-page', class: 'secondary', props: { disabled: state.skip === 0 },
        on: { click: () => { state.skip = Math.max(0, state.skip - PAGE_SIZE); loadItems(); } } }, 'Previous'),
      h('button', { type: 'button', id: 'next-page', class: 'secondary', props: { disabled: to >= state.total },
        on: { click: () => { state.skip += PAGE_SIZE; loadItems(); } } }, 'Next'))
    : (state.total ? h('p', { class: 'muted count', text: state.total + ' item' + (state.total === 1 ? '' : 's') }) : null);
  mount(itemsArea, table, empty, pager);
}

function statusBadge(status) {
  return h('span', { class: 'badge status ' + status, text: status });
}

/** A readable name for an item: its first non-empty text field, else its first simple value. */
function titleOf(item, type) {
  const value = item.objectValue || {};
  for (const field of type.fields) {
    if (TEXT_TYPES.includes(field.type) && typeof value[field.name] === 'string' && value[field.name].trim()) {
      return clip(value[field.name]);
    }
  }
  for (const field of type.fields) {
    const v = value[field.name];
    if (typeof v === 'string' || typeof v === 'number') return clip(String(v));
  }
  return 'Untitled (' + item._id.slice(-6) + ')';
}

const clip = (text) => (text.length > 80 ? text.slice(0, 79) + '…' : text);

function setAddress() {
  const url = new URL(location.href);
  if (state.type) url.searchParams.set('type', state.type._id);
  if (state.open) url.searchParams.set('item', state.item ? state.item._id : 'new');
  else url.searchParams.delete('item');
  history.replaceState(null, '', url);
}

// ---------------------------------------------------------------------------------------------
// Opening and closing the editor

async function leaveOk() {
  if (!state.open || !state.dirty) return true;
  return confirmDialog('You have unsaved changes to this item. Discard them?', 'Discard changes');
}

async function openNew(skipGuard) {
  if (!skipGuard && !(await leaveOk())) return;
  state.open = true;
  state.item = null;
  state.dirty = false;
  renderEditor();
  focusEditor();
}

async function openItem(itemId, skipGuard) {
  if (state.open && state.item && state.item._id === itemId) return;
  if (!skipGuard && !(await leaveOk())) return;
  const result = await call('GET', 'content-types/' + enc(state.type._id) + '/items/' + enc(itemId));
  if (!result.ok) {
    notice('Could not open the item: ' + messageOf(result), 'error');
    return;
  }
  state.open = true;
  state.item = result.data;
  state.dirty = false;
  renderEditor();
  focusEditor();
}

function focusEditor() {
  editorArea.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function closeEditor() {
  state.open = false;
  state.item = null;
  state.dirty = false;
  form = null;
  widgets = [];
  editorArea.classList.add('hidden');
  mount(editorArea);
  setAddress();
  markSelectedRow();
}

function markSelectedRow() {
  document.querySelectorAll('#items tbody tr').forEach((tr) => {
    tr.classList.toggle('selected', Boolean(state.open && state.item && tr.dataset.itemId === state.item._id));
  });
}

// ---------------------------------------------------------------------------------------------
// The editor form, generated from the schema

function renderEditor() {
  const type = state.type;
  const item = state.item;
  const values = (item && item.objectValue) || {};
  widgets = type.fields.map((spec) => ({ spec, widget: widget(spec, {
    name: spec.name, path: spec.name, id: 'field-' + spec.name, value: values[spec.name], required: spec.required,
  }) }));

  const publishInput = h('input', { type: 'datetime-local', id: 'publish-date', name: 'publishDate',
    dataset: { field: 'publishDate' } });
  if (item && item.status === 'scheduled') setDateTime(publishInput, item.publishDate);

  const actions = canEdit ? h('div', { class: 'actions', id: 'item-actions' },
    item ? h('button', { type: 'button', id: 'save-changes', on: { click: () => save('keep') } },
      'Save (stays ' + item.status + ')') : null,
    h('button', { type: 'button', id: 'save-draft', class: item ? 'secondary' : null, on: { click: () => save('draft') } },
      item && item.status !== 'draft' ? 'Save as draft (unpublish)' : 'Save as draft'),
    h('button', { type: 'button', id: 'publish-now', class: 'secondary', on: { click: () => save('publish') } },
      item && item.status === 'published' ? 'Publish now (re-date)' : 'Publish now'),
    h('button', { type: 'button', id: 'schedule', class: 'secondary', on: { click: () => save('schedule') } }, 'Schedule'),
    h('button', { type: 'button', id: 'archive', class: 'secondary',
      props: { disabled: !item || item.archived }, title: item ? null : 'Save the item first',
      on: { click: () => save('archive') } }, item && item.archived ? 'Archived' : 'Archive'),
    h('button', { type: 'button', id: 'close-editor', class: 'link', on: { click: async () => {
      if (await leaveOk()) closeEditor();
    } } }, 'Close'),
    item ? h('button', { type: 'button', id: 'delete-item', class: 'danger push-right', on: { click: deleteItem } }, 'Delete')
      : null)
    : h('div', { class: 'actions' }, h('button', { type: 'button', id: 'close-editor', class: 'secondary',
      on: { click: closeEditor } }, 'Close'));

  form = h('form', { id: 'item-form', novalidate: true, dataset: { itemId: item ? item._id : '', version: item ? item.version : '' },
    on: { submit: (e) => { e.preventDefault(); if (canEdit) save(item ? 'keep' : 'draft'); } } },
  h('div', { class: 'form-error', role: 'alert' }),
  h('div', { id: 'stale-warning', class: 'warning hidden', role: 'alert' }),
  h('fieldset', { id: 'item-fields', props: { disabled: !canEdit } },
    type.fields.length ? null : h('p', { class: 'empty', text: 'This content type has no fields yet'
      + (canAdmin ? ' — add some on the Content types page.' : '.') }),
    widgets.map(({ spec, widget: w }) => fieldWrapper(spec, w))),
  canEdit ? h('fieldset', { class: 'publishing' },
    h('legend', { text: 'Publishing' }),
    h('div', { class: 'field' },
      h('label', { for: 'publish-date' }, 'Publish at ',
        h('span', { class: 'hint', text: '(for Schedule — your local time, ' + zoneName() + ')' })),
      publishInput)) : null,
  actions);

  form.addEventListener('input', markDirty);
  form.addEventListener('change', markDirty);

  mount(editorArea,
    h('h2', { id: 'editor-title', text: item ? titleOf(item, type) : 'New item in ' + type.name }),
    item ? h('p', { class: 'meta', id: 'item-meta' }, statusBadge(item.status), ' ',
      statusSentence(item), ' · version ' + item.version + ' · updated ' + when(item.updatedAt)
        + (item.updatedBy ? ' by ' + who(item.updatedBy) : ''))
      : h('p', { class: 'meta', text: 'Not saved yet.' }),
    form,
    item ? h('section', { id: 'versions', class: 'versions' },
      h('h3', { text: 'Version history' }),
      h('div', { id: 'versions-body' }, h('p', { class: 'muted', text: 'Loading…' }))) : null);
  editorArea.classList.remove('hidden');
  setAddress();
  markSelectedRow();
  if (item) loadVersions();
}

function statusSentence(item) {
  switch (item.status) {
    case 'published': return 'since ' + when(item.publishDate);
    case 'scheduled': return 'goes live ' + when(item.publishDate);
    case 'archived': return 'hidden from the Client API';
    default: return 'not visible on the Client API';
  }
}

function markDirty(event) {
  // Choosing a file to upload is not yet an edit; the upload sets the key (and marks it).
  if (event && event.target && event.target.type === 'file') return;
  state.dirty = true;
}

function fieldWrapper(spec, w) {
  const label = spec.type === 'boolean'
    ? null
    : h('label', { for: w.id }, spec.name, spec.required ? h('span', { class: 'required', text: ' *', title: 'required' }) : null,
      ' ', h('span', { class: 'hint', text: '(' + hint(spec) + ')' }));
  return h('div', { class: 'field item-field', dataset: { fieldName: spec.name, fieldType: spec.type } }, label, w.el);
}

function hint(spec) {
  if (spec.type === 'list' && spec.items) return 'list of ' + (TYPE_HINT[spec.items.type] || spec.items.type);
  return TYPE_HINT[spec.type] || spec.type;
}

function zoneName() {
  const minutes = -new Date().getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return 'UTC' + sign + String(Math.floor(abs / 60)).padStart(2, '0') + ':' + String(abs % 60).padStart(2, '0');
}

/**
 * One input for one value of a field type. Answers {el, id, read(), setPath(path)}; read() gives
 * {value, problems}: value undefined leaves the field out of objectValue, problems are found in the
 * browser before anything is sent ({field: <data-field path>, message}).
 * opts: name (input name), path (data-field: the field name, or name[i] for list items), id, value.
 */
function widget(spec, opts) {
  const id = opts.id || nextId('field');
  const base = { id, name: opts.name, dataset: { field: opts.path } };
  const ok = (value) => ({ value, problems: [] });
  const bad = (input, message) => ({ value: undefined, problems: [{ field: input.dataset.field, message }] });
  const simple = (input, read) => ({ el: input, id, read: () => read(input), setPath: (p) => { input.dataset.field = p; } });
  const value = opts.value;

  switch (spec.type) {
    case 'text':
    case 'slug': {
      const input = h('input', { ...base, type: 'text', maxlength: MAX_TEXT[spec.type],
        value: typeof value === 'string' ? value : (value == null ? '' : String(value)),
        placeholder: spec.type === 'slug' ? 'e.g. my-first-post' : null,
        pattern: spec.type === 'slug' ? '[a-z0-9]+(-[a-z0-9]+)*' : null,
        'aria-required': opts.required ? 'true' : null });
      return simple(input, (i) => ok(i.value === '' && !opts.inList ? undefined : i.value));
    }
    case 'longText': {
      const input = h('textarea', { ...base, rows: 8, maxlength: MAX_TEXT.longText,
        'aria-required': opts.required ? 'true' : null,
        props: { value: typeof value === 'string' ? value : (value == null ? '' : String(value)) } });
      return simple(input, (i) => ok(i.value === '' && !opts.inList ? undefined : i.value));
    }
    case 'enum': {
      const options = spec.options || [];
      const select = h('select', { ...base },
        h('option', { value: '' }, opts.inList ? '— choose —' : '— none —'),
        options.map((o) => h('option', { value: o, props: { selected: o === value } }, o)),
        // A stored value the schema no longer offers stays visible rather than silently dropped.
        value != null && value !== '' && !options.includes(value)
          ? h('option', { value: String(value), props: { selected: true } }, String(value) + ' (no longer an option)') : null);
      return simple(select, (s) => {
        if (s.value === '') return opts.inList ? bad(s, 'choose an option or remove this item') : ok(undefined);
        return ok(s.value);
      });
    }
    case 'integer':
    case 'decimal': {
      const input = h('input', { ...base, type: 'number', step: spec.type === 'integer' ? '1' : 'any',
        inputmode: spec.type === 'integer' ? 'numeric' : 'decimal',
        value: typeof value === 'number' || typeof value === 'string' ? String(value) : '' });
      return simple(input, (i) => {
        if (i.validity && i.validity.badInput) return bad(i, 'must be a number');
        if (i.value.trim() === '') return opts.inList ? bad(i, 'fill in a number or remove this item') : ok(undefined);
        const n = Number(i.value);
        if (!Number.isFinite(n)) return bad(i, 'must be a number');
        if (spec.type === 'integer' && !Number.isSafeInteger(n)) return bad(i, 'must be a whole number');
        return ok(n);
      });
    }
    case 'boolean': {
      const input = h('input', { ...base, type: 'checkbox', props: { checked: value === true } });
      const el = opts.inList
        ? h('label', { class: 'check' }, input, ' yes')
        : h('label', { class: 'check' }, input, ' ', opts.name,
          h('span', { class: 'hint', text: ' (yes / no)' }));
      return { el, id, read: () => ok(input.checked), setPath: (p) => { input.dataset.field = p; } };
    }
    case 'date': {
      const input = h('input', { ...base, type: 'date', value: typeof value === 'string' ? value : '' });
      return simple(input, (i) => {
        if (i.validity && i.validity.badInput) return bad(i, 'must be a complete date');
        if (!i.value) return opts.inList ? bad(i, 'choose a date or remove this item') : ok(undefined);
        return ok(i.value);
      });
    }
    case 'dateTime': {
      const input = h('input', { ...base, type: 'datetime-local' });
      if (typeof value === 'string') setDateTime(input, value);
      return simple(input, (i) => {
        if (i.validity && i.validity.badInput) return bad(i, 'must be a complete date and time');
        if (!i.value) return opts.inList ? bad(i, 'choose a date and time or remove this item') : ok(undefined);
        const iso = readDateTime(i);
        return iso ? ok(iso) : bad(i, 'must be a date and time');
      });
    }
    case 'time': {
      const stored = typeof value === 'string' ? value : '';
      const input = h('input', { ...base, type: 'time', step: /:\d{2}:\d{2}/.test(stored) ? '1' : null, value: stored });
      return simple(input, (i) => {
        if (i.validity && i.validity.badInput) return bad(i, 'must be a complete time');
        if (!i.value) return opts.inList ? bad(i, 'choose a time or remove this item') : ok(undefined);
        return ok(i.value);
      });
    }
    case 'image':
    case 'file':
    case 'video':
      return mediaWidget(spec, opts, id, base);
    case 'list':
      return listWidget(spec, opts, id);
    default: {
      // A type this page does not know yet: edit its JSON.
      const input = h('textarea', { ...base, rows: 3, props: { value: value === undefined ? '' : JSON.stringify(value) } });
      return simple(input, (i) => {
        if (!i.value.trim()) return ok(undefined);
        try { return ok(JSON.parse(i.value)); } catch { return bad(i, 'must be valid JSON'); }
      });
    }
  }
}

/** image, file, video: the key of an uploaded file, with an upload button (POST media, multipart). */
function mediaWidget(spec, opts, id, base) {
  const value = opts.value && typeof opts.value === 'object' ? opts.value : (typeof opts.value === 'string' ? { key: opts.value } : null);
  const keyInput = h('input', { ...base, type: 'text', class: 'media-key', value: value ? value.key : '',
    placeholder: 'key of an uploaded file', autocomplete: 'off', 'aria-required': opts.required ? 'true' : null });
  const info = h('span', { class: 'muted media-info', text: describeMedia(value) });
  const accept = spec.type === 'image' ? 'image/*' : spec.type === 'video' ? 'video/*' : null;
  const fileInput = h('input', { type: 'file', class: 'media-file', id: id + '-file', accept,
    'aria-label': 'Choose a file to upload for ' + opts.name });
  const uploadButton = h('button', { type: 'button', class: 'secondary upload-media', id: id + '-upload',
    props: { disabled: true } }, 'Upload');
  const clearButton = h('button', { type: 'button', class: 'link clear-media', on: { click: () => {
    keyInput.value = '';
    info.textContent = '';
    keyInput.dispatchEvent(new Event('input', { bubbles: true }));
  } } }, 'Clear');
  const box = h('div', { class: 'media-field' }, keyInput, fileInput, uploadButton, clearButton, info);

  fileInput.addEventListener('change', () => { uploadButton.disabled = !fileInput.files.length; });
  uploadButton.addEventListener('click', async () => {
    const file = fileInput.files[0];
    if (!file) return;
    box.querySelectorAll(':scope > .field-error').forEach((e) => e.remove());
    const body = new FormData();
    body.append('file', file);
    uploadButton.disabled = true;
    uploadButton.textContent = 'Uploading…';
    const result = await call('POST', 'media', body);
    uploadButton.textContent = 'Upload';
    if (!result.ok) {
      uploadButton.disabled = false;
      box.append(h('div', { class: 'field-error', role: 'alert', text: 'Upload failed: ' + messageOf(result) }));
      return;
    }
    keyInput.value = result.data.key;
    info.textContent = describeMedia(result.data);
    fileInput.value = '';
    keyInput.removeAttribute('aria-invalid');
    keyInput.dispatchEvent(new Event('input', { bubbles: true }));
    notice('Uploaded ' + result.data.name + '.');
  });

  keyInput.addEventListener('input', () => {
    if (value && keyInput.value.trim() !== value.key && info.textContent === describeMedia(value)) info.textContent = '';
  });

  return {
    el: box,
    id,
    read: () => {
      const key = keyInput.value.trim();
      if (!key) {
        return opts.inList
          ? { value: undefined, problems: [{ field: keyInput.dataset.field, message: 'upload a file or remove this item' }] }
          : { value: undefined, problems: [] };
      }
      return { value: { key }, problems: [] };
    },
    setPath: (p) => { keyInput.dataset.field = p; },
  };
}

function describeMedia(value) {
  if (!value || !value.key) return '';
  const parts = [value.name, value.type, value.size != null ? humanSize(value.size) : null].filter(Boolean);
  return parts.join(' · ');
}

function humanSize(bytes) {
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB';
  return (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

/** A list: one input per item (of the item type), add, remove and reorder. */
function listWidget(spec, opts, id) {
  const itemSpec = spec.items || { type: 'text' };
  const container = h('div', { class: 'list-field', id, dataset: { field: opts.path } });
  const itemsBox = h('div', { class: 'list-items' });
  const entries = [];
  const empty = h('p', { class: 'muted list-empty', text: 'No items.' });

  function renumber() {
    entries.forEach((entry, i) => entry.widget.setPath(opts.path + '[' + i + ']'));
    empty.classList.toggle('hidden', entries.length > 0);
  }

  function add(value, focus) {
    const w = widget(itemSpec, { name: opts.name, path: opts.path + '[' + entries.length + ']',
      id: nextId(id + '-item'), value, inList: true });
    const row = h('div', { class: 'field list-item' }, h('div', { class: 'list-item-input' }, w.el));
    const entry = { widget: w, row };
    if (canEdit) {
      row.append(h('button', { type: 'button', class: 'link remove-list-item', 'aria-label': 'Remove this item',
        on: { click: () => {
          entries.splice(entries.indexOf(entry), 1);
          row.remove();
          renumber();
          state.dirty = true;
        } } }, 'Remove'));
    }
    entries.push(entry);
    itemsBox.append(row);
    renumber();
    if (focus) {
      const first = row.querySelector('input:not([type=file]), select, textarea');
      if (first) first.focus();
    }
  }

  for (const value of Array.isArray(opts.value) ? opts.value : []) add(value, false);
  container.append(itemsBox, empty,
    canEdit ? h('button', { type: 'button', class: 'secondary add-list-item', dataset: { for: opts.name },
      on: { click: () => { add(undefined, true); state.dirty = true; } } }, '+ Add ' + (TYPE_HINT[itemSpec.type] || 'item'))
      : null);
  renumber();

  return {
    el: container,
    id,
    read: () => {
      const problems = [];
      const values = [];
      for (const entry of entries) {
        const r = entry.widget.read();
        problems.push(...r.problems);
        values.push(r.value);
      }
      if (problems.length) return { value: undefined, problems };
      return { value: values.length ? values : undefined, problems: [] };
    },
    setPath: (p) => { container.dataset.field = p; },
  };
}

/** Shows an ISO date-time in a datetime-local input, remembering it so an untouched value is sent back unchanged. */
function setDateTime(input, iso) {
  const date = new Date(iso);
  if (isNaN(date)) return;
  const pad = (n) => String(n).padStart(2, '0');
  let local = date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate())
    + 'T' + pad(date.getHours()) + ':' + pad(date.getMinutes());
  if (date.getSeconds() || date.getMilliseconds()) {
    local += ':' + pad(date.getSeconds());
    input.step = '1';
  }
  input.value = local;
  input.dataset.original = iso;
  input.dataset.originalLocal = input.value;
}

/** The ISO 8601 (UTC, with a zone) value of a datetime-local input, or null. */
function readDateTime(input) {
  if (!input.value) return null;
  if (input.dataset.original && input.value === input.dataset.originalLocal) return input.dataset.original;
  const date = new Date(input.value); // a zone-less date-time string is read as local time
  return isNaN(date) ? null : date.toISOString();
}

// ---------------------------------------------------------------------------------------------
// Saving

const serverNow = () => Date.now() + state.clockOffset;

/**
 * mode: keep (content only), draft (publishDate null), publish (now), schedule (the chosen future
 * date), archive. Sends the version the form was based on.
 */
async function save(mode) {
  if (!form) return;
  clearErrors(form);
  hideStale();
  const problems = [];
  const objectValue = {};
  for (const { spec, widget: w } of widgets) {
    const r = w.read();
    problems.push(...r.problems);
    if (r.value !== undefined) objectValue[spec.name] = r.value;
  }
  const body = { objectValue };
  const publishInput = document.getElementById('publish-date');
  if (mode === 'draft') { body.publishDate = null; body.archived = false; }
  if (mode === 'publish') {
    // A second back, on the server's clock, so "now" is never in the future there.
    body.publishDate = new Date(serverNow() - 1000).toISOString();
    body.archived = false;
  }
  if (mode === 'schedule') {
    const iso = readDateTime(publishInput);
    if (publishInput.validity && publishInput.validity.badInput) {
      problems.push({ field: 'publishDate', message: 'choose a complete date and time' });
    } else if (!iso) {
      problems.push({ field: 'publishDate', message: 'choose when the item should go live' });
    } else if (Date.parse(iso) <= serverNow()) {
      problems.push({ field: 'publishDate', message: 'choose a time in the future (to publish now, use Publish now)' });
    } else {
      body.publishDate = iso;
      body.archived = false;
    }
  }
  if (mode === 'archive') body.archived = true;
  if (problems.length) {
    showErrors(form, { ok: false, status: 400, data: { error: 'validation_failed',
      message: problems.length === 1 ? problems[0].message : problems.length + ' fields need attention', errors: problems } });
    focusFirstError();
    return;
  }

  const item = state.item;
  if (item) body.version = item.version;
  setBusy(true, mode);
  const result = item
    ? await call('PUT', 'content-types/' + enc(state.type._id) + '/items/' + enc(item._id), body)
    : await call('POST', 'content-types/' + enc(state.type._id) + '/items', body);
  setBusy(false, mode);

  if (result.ok) {
    state.item = result.data;
    state.dirty = false;
    notice(savedMessage(mode, result.data, !item));
    renderEditor();
    loadItems();
    return;
  }
  if (result.status === 409 && result.data && result.data.error === 'stale_version') {
    showStale(result);
    return;
  }
  // The form keeps everything the user typed; the problems appear next to their fields.
  showErrors(form, result);
  focusFirstError();
}

function savedMessage(mode, item, created) {
  const what = created ? 'Created' : 'Saved';
  switch (mode) {
    case 'draft': return what + ' as a draft.';
    case 'publish': return created ? 'Created and published.' : 'Published.';
    case 'schedule': return (created ? 'Created; ' : 'Scheduled; ') + 'goes live ' + when(item.publishDate) + '.';
    case 'archive': return 'Archived.';
    default: return what + ' (' + item.status + ').';
  }
}

function setBusy(busy, mode) {
  const labels = { keep: 'save-changes', draft: 'save-draft', publish: 'publish-now', schedule: 'schedule', archive: 'archive' };
  document.querySelectorAll('#item-actions button, .revert-version').forEach((button) => {
    if (busy) {
      button.dataset.wasDisabled = button.disabled ? '1' : '';
      button.disabled = true;
    } else {
      button.disabled = button.dataset.wasDisabled === '1';
      delete button.dataset.wasDisabled;
    }
  });
  const active = document.getElementById(labels[mode]);
  if (active) {
    if (busy) { active.dataset.label = active.textContent; active.textContent = 'Saving…'; } else if (active.dataset.label) {
      active.textContent = active.dataset.label;
      delete active.dataset.label;
    }
  }
  if (form) form.setAttribute('aria-busy', busy ? 'true' : 'false');
}

function focusFirstError() {
  const invalid = form && form.querySelector('[aria-invalid]');
  if (invalid && invalid.focus) invalid.focus();
  else {
    const box = form && form.querySelector('.form-error');
    if (box) box.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }
}

function showStale(result) {
  const box = document.getElementById('stale-warning');
  mount(box,
    h('p', {}, h('strong', { text: 'Someone else changed this item while you were editing it.' })),
    h('p', { text: messageOf(result) }),
    h('p', { text: 'Your edits were not saved and are still in the form below. Copy what you need, then reload the '
      + 'latest version and apply your changes again.' }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'reload-item', on: { click: reloadItem } }, 'Reload the latest version'),
      h('button', { type: 'button', id: 'keep-my-edits', class: 'secondary', on: { click: hideStale } }, 'Keep my edits for now')));
  box.classList.remove('hidden');
  box.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

function hideStale() {
  const box = document.getElementById('stale-warning');
  if (box) { box.classList.add('hidden'); mount(box); }
}

async function reloadItem() {
  if (!state.item) return;
  if (state.dirty && !(await confirmDialog('Reloading replaces your unsaved edits with the latest version. Continue?', 'Reload'))) {
    return;
  }
  const button = document.getElementById('reload-item');
  if (button) button.disabled = true;
  const result = await call('GET', 'content-types/' + enc(state.type._id) + '/items/' + enc(state.item._id));
  if (button) button.disabled = false;
  if (!result.ok) { notice('Could not reload the item: ' + messageOf(result), 'error'); return; }
  state.item = result.data;
  state.dirty = false;
  renderEditor();
  loadItems();
  notice('Loaded version ' + result.data.version + '.');
}

async function deleteItem(event) {
  const item = state.item;
  if (!item) return;
  const ok = await confirmDialog('Delete “' + titleOf(item, state.type) + '” and its version history? This cannot be undone.',
    'Delete');
  if (!ok) return;
  const button = event.currentTarget;
  button.disabled = true;
  const result = await call('DELETE', 'content-types/' + enc(state.type._id) + '/items/' + enc(item._id));
  button.disabled = false;
  if (!result.ok) { notice('Could not delete the item: ' + messageOf(result), 'error'); return; }
  notice('Deleted.');
  state.dirty = false;
  closeEditor();
  loadItems();
}

// ---------------------------------------------------------------------------------------------
// Version history

async function loadVersions() {
  const item = state.item;
  const body = document.getElementById('versions-body');
  if (!item || !body) return;
  const [result] = await Promise.all([
    call('GET', 'content-types/' + enc(state.type._id) + '/items/' + enc(item._id) + '/versions'),
    loadMembers(),
  ]);
  if (state.item !== item || !document.body.contains(body)) return;
  if (!result.ok) {
    mount(body, h('div', { class: 'form-error', text: 'Could not load the versions: ' + messageOf(result) }),
      h('button', { type: 'button', class: 'secondary', on: { click: loadVersions } }, 'Try again'));
    return;
  }
  const versions = Array.isArray(result.data) ? result.data : [];
  if (!versions.length) { mount(body, h('p', { class: 'muted', text: 'No versions recorded.' })); return; }
  mount(body,
    h('div', { id: 'versions-error', class: 'form-error', role: 'alert' }),
    h('table', { id: 'versions-list' },
      h('thead', {}, h('tr', {}, h('th', { text: 'Version' }), h('th', { text: 'Change' }), h('th', { text: 'When' }),
        h('th', { text: 'By' }), h('th', { text: 'State' }), h('th', { text: '' }))),
      h('tbody', {}, versions.map((v) => h('tr', { dataset: { version: v.version } },
        h('td', {}, 'v' + v.version, v.version === item.version ? h('span', { class: 'muted', text: ' (current)' }) : null),
        h('td', {}, actionLabel(v.action)),
        h('td', {}, when(v.at)),
        h('td', {}, who(v.actor)),
        h('td', {}, versionState(v)),
        h('td', {},
          h('details', {}, h('summary', { text: 'Content' }), h('pre', { text: JSON.stringify(v.objectValue, null, 2) })),
          canEdit && v.version !== item.version
            ? h('button', { type: 'button', class: 'secondary revert-version', dataset: { version: v.version },
              on: { click: (e) => revert(v, e.currentTarget) } }, 'Revert to this version')
            : null))))));
}

function actionLabel(action) {
  const labels = { 'item.created': 'Created', 'item.updated': 'Edited', 'item.archived': 'Archived',
    'item.reverted': 'Reverted', 'item.submitted': 'Submitted', 'item.published': 'Went live' };
  return labels[action] || String(action || '').replace(/^item\./, '').replace(/_/g, ' ');
}

function versionState(v) {
  if (v.archived) return 'archived';
  if (!v.publishDate) return 'draft';
  return (Date.parse(v.publishDate) > Date.parse(v.at) ? 'scheduled for ' : 'published ') + when(v.publishDate);
}

async function revert(version, button) {
  const item = state.item;
  const message = 'Replace the current content with version ' + version.version + '? This is saved as a new version, '
    + 'so nothing is lost.' + (state.dirty ? ' Your unsaved edits in the form will be discarded.' : '');
  if (!(await confirmDialog(message, 'Revert', false))) return;
  const errorBox = document.getElementById('versions-error');
  if (errorBox) errorBox.textContent = '';
  setBusy(true, null);
  if (button) button.textContent = 'Reverting…';
  const result = await call('POST', 'content-types/' + enc(state.type._id) + '/items/' + enc(item._id) + '/revert',
    { version: version.version });
  setBusy(false, null);
  if (button) button.textContent = 'Revert to this version';
  if (!result.ok) {
    const problems = result.data && Array.isArray(result.data.errors) ? result.data.errors : [];
    const detail = problems.map((p) => String(p.field || '').replace(/^objectValue\./, '') + ': ' + (p.reason || p.message)).join('; ');
    const text = messageOf(result) + (detail && problems.length > 1 ? ' (' + detail + ')' : '');
    if (errorBox) { errorBox.textContent = text; errorBox.scrollIntoView({ behavior: 'smooth', block: 'nearest' }); }
    notice('Could not revert: ' + messageOf(result), 'error');
    return;
  }
  state.item = result.data;
  state.dirty = false;
  renderEditor();
  loadItems();
  notice('Reverted to version ' + version.version + ' (now version ' + result.data.version + ').');
}

async function loadMembers() {
  if (state.members) return;
  const result = await call('GET', 'members');
  state.members = new Map();
  if (result.ok && Array.isArray(result.data)) {
    for (const m of result.data) state.members.set(m.userId, m.name || m.email);
  }
}

function who(userId) {
  if (!userId) return '—';
  if (userId === me.user.userId) return 'you';
  return (state.members && state.members.get(userId)) || userId;
}

// ---------------------------------------------------------------------------------------------

/** proxy(), also noting the server's clock so "publish now" and "in the future" use its time. */
async function call(method, path, body) {
  const result = await proxy(method, path, body);
  const date = result.headers && result.headers.get && result.headers.get('Date');
  const at = date ? Date.parse(date) : NaN;
  // The header has whole seconds; only trust it for a clear difference.
  if (!isNaN(at)) {
    const offset = at - Date.now();
    state.clockOffset = Math.abs(offset) > 2000 ? offset : 0;
  }
  return result;
}

// Start (last, so every module-level binding above is initialised).
await init();
