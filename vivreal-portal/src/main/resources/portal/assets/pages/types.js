// Content types: the list of the active group's types and a schema editor (owners and admins).
// A schema change that would drop stored values is refused by the server with 409 schema_conflict
// naming each field and how many items hold data; the user may then apply it with ?force=true.
import { boot, proxy, h, mount, showErrors, clearErrors, notice, confirmDialog, messageOf, when, param }
  from '../app.js';
import { feedSection } from './type-feed.js';

/** Every FieldType of the content engine (vivreal-content schema/FieldType.java), by wire name. */
const FIELD_TYPES = [
  ['text', 'Text'],
  ['longText', 'Long text'],
  ['slug', 'Slug'],
  ['enum', 'Choice (enum)'],
  ['list', 'List'],
  ['object', 'Object (nested fields)'],
  ['integer', 'Whole number'],
  ['decimal', 'Decimal number'],
  ['boolean', 'Yes / no'],
  ['date', 'Date'],
  ['dateTime', 'Date and time'],
  ['time', 'Time'],
  ['image', 'Image'],
  ['file', 'File'],
  ['video', 'Video'],
];
const TYPE_LABEL = Object.fromEntries(FIELD_TYPES);
// Lists of lists are not supported by the server.
const ITEM_TYPES = FIELD_TYPES.filter(([value]) => value !== 'list');

const me = await boot();
const canWrite = ['owner', 'admin'].includes(me.active.role);

const listArea = document.getElementById('types-list');
const editorArea = document.getElementById('type-editor');
const newButton = document.getElementById('new-type');

const state = {
  types: [],
  editing: null, // the type being edited, or null for a new one
  open: false,
  dirty: false,
};

let uid = 0;
const nextId = (prefix) => prefix + '-' + (++uid);

if (canWrite) {
  newButton.classList.remove('hidden');
  newButton.addEventListener('click', () => openEditor(null));
} else {
  document.getElementById('role-note').classList.remove('hidden');
}

window.addEventListener('beforeunload', (event) => {
  if (state.open && state.dirty) {
    event.preventDefault();
    event.returnValue = '';
  }
});


// ---------------------------------------------------------------------------------------------
// The list

async function loadTypes() {
  const result = await proxy('GET', 'content-types');
  if (!result.ok) {
    mount(listArea,
      h('div', { class: 'form-error', role: 'alert', text: 'Could not load the content types: ' + messageOf(result) }),
      h('button', { type: 'button', class: 'secondary', id: 'retry-types', on: { click: loadTypes } }, 'Try again'));
    return;
  }
  state.types = Array.isArray(result.data) ? result.data : [];
  renderList();
}

function renderList() {
  if (!state.types.length) {
    mount(listArea, h('div', { class: 'empty', id: 'types-empty' },
      canWrite
        ? [h('p', { text: 'No content types yet — create the first one.' }),
          h('button', { type: 'button', id: 'create-first-type', on: { click: () => openEditor(null) } },
            'Create a content type')]
        : h('p', { text: 'No content types yet — an owner or admin of this group can create one.' })));
    return;
  }
  const rows = state.types.map((type) => h('tr', {
    dataset: { typeId: type._id },
    class: state.open && state.editing && state.editing._id === type._id ? 'selected' : null,
  },
  h('td', {}, h('button', { type: 'button', class: 'link open-type', on: { click: () => openEditor(type) } }, type.name)),
  h('td', {}, fieldSummary(type.fields)),
  h('td', {}, type.acceptsSubmissions ? 'Yes' : 'No'),
  h('td', {}, when(type.updatedAt)),
  h('td', { class: 'cell-actions' },
    h('a', { href: '/app/content?type=' + encodeURIComponent(type._id), class: 'items-link' }, 'Items'),
    h('button', { type: 'button', class: 'secondary edit-type', on: { click: () => openEditor(type) } },
      canWrite ? 'Edit' : 'View'),
    canWrite ? h('button', { type: 'button', class: 'danger delete-type', on: { click: (e) => deleteType(type, e.currentTarget) } },
      'Delete') : null)));
  mount(listArea, h('table', { id: 'types-table' },
    h('thead', {}, h('tr', {},
      h('th', { text: 'Name' }), h('th', { text: 'Fields' }), h('th', { text: 'Submissions' }),
      h('th', { text: 'Updated' }), h('th', { text: '' }))),
    h('tbody', {}, rows)));
}

function fieldSummary(fields) {
  if (!fields || !fields.length) return h('span', { class: 'muted', text: 'no fields' });
  return fields.map((f, i) => [i ? ', ' : '', h('code', { text: f.name }), ' ',
    h('span', { class: 'muted', text: describeType(f) + (f.required ? ', required' : '') })]);
}

function describeType(spec) {
  if (spec.type === 'list' && spec.items) return 'list of ' + (TYPE_LABEL[spec.items.type] || spec.items.type).toLowerCase();
  return (TYPE_LABEL[spec.type] || spec.type).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// The editor

let form = null;
let fieldsBox = null;

async function openEditor(type, { skipGuard = false } = {}) {
  if (!skipGuard && !(await leaveEditorOk())) return;
  state.editing = type;
  state.open = true;
  state.dirty = false;
  setAddress(type ? type._id : null);
  renderEditor();
  renderList();
  editorArea.scrollIntoView({ behavior: 'smooth', block: 'start' });
  const name = document.getElementById('type-name');
  if (canWrite && name) name.focus({ preventScroll: true });
}

async function leaveEditorOk() {
  if (!state.open || !state.dirty) return true;
  return confirmDialog('You have unsaved changes to this content type. Discard them?', 'Discard changes');
}

function closeEditor() {
  state.open = false;
  state.editing = null;
  state.dirty = false;
  editorArea.classList.add('hidden');
  mount(editorArea);
  setAddress(null);
  renderList();
}

function setAddress(typeId) {
  const url = new URL(location.href);
  if (typeId) url.searchParams.set('id', typeId); else url.searchParams.delete('id');
  url.hash = '';
  history.replaceState(null, '', url);
}

function renderEditor() {
  const type = state.editing;
  const title = type ? (canWrite ? 'Edit “' + type.name + '”' : type.name) : 'New content type';
  fieldsBox = h('div', { id: 'fields-list' });
  const nameInput = h('input', { id: 'type-name', name: 'name', type: 'text', maxlength: 100,
    dataset: { field: 'name' }, autocomplete: 'off', placeholder: 'e.g. Events', value: type ? type.name : '' });
  const accepts = h('input', { id: 'type-accepts', name: 'acceptsSubmissions', type: 'checkbox',
    dataset: { field: 'acceptsSubmissions' }, props: { checked: !!(type && type.acceptsSubmissions) } });

  form = h('form', { id: 'type-form', novalidate: true, on: { submit: (e) => { e.preventDefault(); if (canWrite) save(false); } } },
    h('div', { class: 'form-error', role: 'alert' }),
    h('fieldset', { id: 'type-fieldset', props: { disabled: !canWrite } },
      h('div', { class: 'field' }, h('label', { for: 'type-name' }, 'Name'), nameInput),
      h('div', { class: 'field' }, h('label', { class: 'check' }, accepts,
        ' Accepts public form submissions ', h('span', { class: 'hint', text: '(stored as drafts for review)' }))),
      h('h3', { text: 'Fields' }),
      h('p', { id: 'fields-empty', class: 'empty hidden',
        text: canWrite ? 'No fields yet — add the first one.' : 'This content type has no fields.' }),
      fieldsBox,
      canWrite ? h('button', { type: 'button', id: 'add-field', class: 'secondary',
        on: { click: () => { addField(null, true); markDirty(); } } }, '+ Add field') : null),
    h('div', { id: 'schema-conflict', class: 'warning hidden', role: 'alert' }),
    h('div', { class: 'actions' },
      canWrite ? h('button', { type: 'submit', id: 'save-type' }, type ? 'Save changes' : 'Create content type') : null,
      h('button', { type: 'button', id: 'close-type', class: 'secondary', on: { click: async () => {
        if (await leaveEditorOk()) closeEditor();
      } } }, canWrite ? 'Cancel' : 'Close'),
      type ? h('a', { href: '/app/content?type=' + encodeURIComponent(type._id) }, 'Open its items') : null,
      canWrite && type ? h('button', { type: 'button', id: 'delete-type', class: 'danger push-right',
        on: { click: (e) => deleteType(type, e.currentTarget) } }, 'Delete content type') : null));

  form.addEventListener('input', onEdited);
  form.addEventListener('change', onEdited);

  mount(editorArea,
    h('h2', { id: 'type-editor-title', text: title }),
    type ? h('p', { class: 'meta', text: 'Created ' + when(type.createdAt) + ' · updated ' + when(type.updatedAt) }) : null,
    form,
    canWrite && type ? feedSection(type) : null);
  editorArea.classList.remove('hidden');

  for (const spec of (type && type.fields) || []) addField(spec, false);
  renumber();
}

function onEdited() {
  markDirty();
  // The refusal was about the schema as it was sent; after an edit it no longer applies.
  hideConflict();
}

function markDirty() { state.dirty = true; }

function typeSelect(className, options, selected, label) {
  return h('select', { class: className, 'aria-label': label },
    options.map(([value, text]) => h('option', { value, props: { selected: value === selected } }, text)));
}

/** One row of the schema editor. spec: an existing field, or null for a fresh one. */
function addField(spec, focus) {
  const rowId = nextId('field');
  const type = spec ? spec.type : 'text';
  const itemType = spec && spec.items ? spec.items.type : 'text';
  const name = h('input', { type: 'text', id: rowId + '-name', class: 'field-name', maxlength: 64,
    autocomplete: 'off', placeholder: 'e.g. title', value: spec ? spec.name : '' });
  const select = typeSelect('field-type', FIELD_TYPES, type, 'Field type');
  select.id = rowId + '-type';
  const required = h('input', { type: 'checkbox', id: rowId + '-required', class: 'field-required',
    props: { checked: !!(spec && spec.required) } });
  const options = h('textarea', { id: rowId + '-options', class: 'field-options', rows: 4,
    placeholder: 'One option per line', props: { value: spec && spec.options ? spec.options.join('\n') : '' } });
  const itemSelect = typeSelect('field-item-type', ITEM_TYPES, itemType, 'Type of the list items');
  itemSelect.id = rowId + '-item-type';
  const itemOptions = h('textarea', { id: rowId + '-item-options', class: 'field-item-options', rows: 4,
    placeholder: 'One option per line',
    props: { value: spec && spec.items && spec.items.options ? spec.items.options.join('\n') : '' } });

  const nestedSpecs = spec && spec.type === 'object' ? spec.fields
    : spec && spec.items && spec.items.type === 'object' ? spec.items.fields : null;
  const nested = h('textarea', { id: rowId + '-nested', class: 'field-nested mono', rows: 5,
    placeholder: '[{"name": "platform", "type": "text"}, {"name": "url", "type": "text"}]',
    props: { value: nestedSpecs ? JSON.stringify(nestedSpecs, null, 2) : '' } });
  const nestedBox = h('div', { class: 'field wide field-nested-box' },
    h('label', { for: nested.id }, 'Nested fields ', h('span', { class: 'hint', text: '(JSON: a list of fields, like the top level)' })),
    nested);
  const optionsBox = h('div', { class: 'field wide field-options-box' },
    h('label', { for: options.id }, 'Options ', h('span', { class: 'hint', text: '(one per line)' })), options);
  const itemBox = h('div', { class: 'field field-items-box' },
    h('label', { for: itemSelect.id }, 'List of'), itemSelect);
  const itemOptionsBox = h('div', { class: 'field wide field-item-options-box' },
    h('label', { for: itemOptions.id }, 'Options of the list items ', h('span', { class: 'hint', text: '(one per line)' })),
    itemOptions);

  const row = h('div', { class: 'field field-row', dataset: { originalName: spec ? spec.name : '' } },
    h('div', { class: 'field' }, h('label', { for: name.id }, 'Field name'), name),
    h('div', { class: 'field' }, h('label', { for: select.id }, 'Type'), select),
    h('div', { class: 'field' }, h('label', { class: 'check' }, required, ' Required')),
    canWrite ? h('div', { class: 'row-actions' },
      h('button', { type: 'button', class: 'secondary move-up', title: 'Move up', 'aria-label': 'Move field up',
        on: { click: () => move(row, -1) } }, '↑'),
      h('button', { type: 'button', class: 'secondary move-down', title: 'Move down', 'aria-label': 'Move field down',
        on: { click: () => move(row, 1) } }, '↓'),
      h('button', { type: 'button', class: 'danger remove-field', on: { click: () => removeField(row) } }, 'Remove'))
      : h('div'),
    itemBox, optionsBox, itemOptionsBox, nestedBox);

  const sync = () => {
    optionsBox.classList.toggle('hidden', select.value !== 'enum');
    itemBox.classList.toggle('hidden', select.value !== 'list');
    itemOptionsBox.classList.toggle('hidden', !(select.value === 'list' && itemSelect.value === 'enum'));
    nestedBox.classList.toggle('hidden', !(select.value === 'object' || (select.value === 'list' && itemSelect.value === 'object')));
    renumber();
  };
  select.addEventListener('change', sync);
  itemSelect.addEventListener('change', sync);
  sync();

  fieldsBox.append(row);
  renumber();
  if (focus) name.focus();
  return row;
}

function rows() { return fieldsBox ? [...fieldsBox.querySelectorAll(':scope > .field-row')] : []; }

function move(row, by) {
  const all = rows();
  const at = all.indexOf(row);
  const to = at + by;
  if (to < 0 || to >= all.length) return;
  if (by < 0) fieldsBox.insertBefore(row, all[to]); else all[to].after(row);
  renumber();
  markDirty();
  hideConflict();
}

async function removeField(row) {
  const name = row.querySelector('.field-name').value.trim();
  if (row.dataset.originalName) {
    const ok = await confirmDialog('Remove the field “' + (name || row.dataset.originalName)
      + '”? Values stored in it are removed when you save (you will be asked first if items use it).', 'Remove field');
    if (!ok) return;
  }
  row.remove();
  renumber();
  markDirty();
  hideConflict();
}

/**
 * Points each input's data-field at the path the server reports problems under: fields[<i>].name,
 * fields[<i>].options, fields[<i>].items.type ... and the row itself at fields.<name>, the path of
 * a schema_conflict.
 */
function renumber() {
  rows().forEach((row, i) => {
    const at = 'fields[' + i + ']';
    row.dataset.field = 'fields.' + row.querySelector('.field-name').value.trim();
    row.querySelector('.field-name').dataset.field = at + '.name';
    row.querySelector('.field-type').dataset.field = at + '.type';
    row.querySelector('.field-required').dataset.field = at + '.required';
    row.querySelector('.field-options').dataset.field = at + '.options';
    row.querySelector('.field-item-type').dataset.field = at + '.items.type';
    row.querySelector('.field-item-options').dataset.field = at + '.items.options';
    row.querySelector('.field-nested').dataset.field = at + (row.querySelector('.field-type').value === 'list' ? '.items.fields' : '.fields');
    const up = row.querySelector('.move-up');
    const down = row.querySelector('.move-down');
    if (up) up.disabled = i === 0;
    if (down) down.disabled = i === rows().length - 1;
  });
  const empty = document.getElementById('fields-empty');
  if (empty) empty.classList.toggle('hidden', rows().length > 0);
}

const lines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);

/** An object's nested fields from its JSON box; what does not parse is sent as is, for the server to name. */
function nestedFields(row) {
  const text = row.querySelector('.field-nested').value.trim();
  if (!text) return [];
  try { return JSON.parse(text); } catch { return text; }
}

/** The schema as the Management API takes it. */
function collect() {
  return {
    name: document.getElementById('type-name').value.trim(),
    acceptsSubmissions: document.getElementById('type-accepts').checked,
    fields: rows().map((row) => {
      const type = row.querySelector('.field-type').value;
      const spec = { name: row.querySelector('.field-name').value.trim(), type,
        required: row.querySelector('.field-required').checked };
      if (type === 'enum') spec.options = lines(row.querySelector('.field-options').value);
      if (type === 'list') {
        const itemType = row.querySelector('.field-item-type').value;
        spec.items = { type: itemType };
        if (itemType === 'enum') spec.items.options = lines(row.querySelector('.field-item-options').value);
        if (itemType === 'object') spec.items.fields = nestedFields(row);
      }
      if (type === 'object') spec.fields = nestedFields(row);
      return spec;
    }),
  };
}

function setBusy(busy) {
  for (const id of ['save-type', 'delete-type', 'apply-anyway', 'add-field']) {
    const button = document.getElementById(id);
    if (button) button.disabled = busy;
  }
  const save = document.getElementById('save-type');
  if (save) save.textContent = busy ? 'Saving…' : (state.editing ? 'Save changes' : 'Create content type');
}

async function save(force) {
  if (!form) return;
  clearErrors(form);
  hideConflict();
  renumber();
  const body = collect();
  const type = state.editing;
  setBusy(true);
  const result = type
    ? await proxy('PUT', 'content-types/' + encodeURIComponent(type._id) + (force ? '?force=true' : ''), body)
    : await proxy('POST', 'content-types', body);
  setBusy(false);
  if (result.ok) {
    const saved = result.data;
    const at = state.types.findIndex((t) => t._id === saved._id);
    if (at >= 0) state.types[at] = saved; else state.types.push(saved);
    notice(type ? 'Saved “' + saved.name + '”.' : 'Created “' + saved.name + '”.');
    state.dirty = false;
    state.editing = saved;
    setAddress(saved._id);
    renderEditor();
    renderList();
    return;
  }
  if (result.status === 409 && result.data && result.data.error === 'schema_conflict') {
    showErrors(form, result);
    // The conflict box below explains every refused field, including removed ones.
    const box = form.querySelector('.form-error');
    if (box) box.textContent = '';
    form.querySelectorAll('.field-row > .field-error').forEach((e) => { e.textContent = plainReason(e.textContent); });
    showConflict(result);
    return;
  }
  showErrors(form, result);
  const invalid = form.querySelector('[aria-invalid]');
  if (invalid && invalid.focus) invalid.focus();
}

function showConflict(result) {
  const box = document.getElementById('schema-conflict');
  const problems = Array.isArray(result.data.errors) && result.data.errors.length
    ? result.data.errors
    : [{ field: result.data.field, reason: result.data.message }];
  mount(box,
    h('p', {}, h('strong', { text: 'This change would remove stored values.' })),
    h('ul', { id: 'conflict-list' }, problems.map((p) => h('li', {},
      h('code', { text: String(p.field || '').replace(/^fields\./, '') }), ': ',
      plainReason(p.reason || p.message) + '.'))),
    h('p', { text: 'Removing a field, changing its type or dropping enum options orphans the values items hold. '
      + 'Applying anyway deletes those values from the items; this cannot be undone.' }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'apply-anyway', class: 'danger', on: { click: () => save(true) } },
        'Apply anyway (removes those values)'),
      h('button', { type: 'button', id: 'keep-editing', class: 'secondary', on: { click: hideConflict } },
        'Keep editing')));
  box.classList.remove('hidden');
  box.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

/** The server's reason without its API advice ("send force=true ..."): the button below is the way here. */
function plainReason(reason) {
  return String(reason || '').replace(/;\s*send force=true.*$/, '');
}

function hideConflict() {
  const box = document.getElementById('schema-conflict');
  if (box && !box.classList.contains('hidden')) {
    box.classList.add('hidden');
    mount(box);
  }
}

async function deleteType(type, button) {
  const ok = await confirmDialog('Delete the content type “' + type.name + '”? This cannot be undone.', 'Delete');
  if (!ok) return;
  if (button) button.disabled = true;
  let result = await proxy('DELETE', 'content-types/' + encodeURIComponent(type._id));
  if (result.status === 409 && result.data && result.data.error === 'type_in_use') {
    const count = /has (\d+) item/.exec(result.data.message || '');
    const forced = await confirmDialog('“' + type.name + '” still has ' + (count ? count[1] : 'some') + ' item'
      + (count && count[1] === '1' ? '' : 's') + '. Delete the content type together with all of its items? '
      + 'This cannot be undone.', 'Delete type and items');
    if (!forced) { if (button) button.disabled = false; return; }
    result = await proxy('DELETE', 'content-types/' + encodeURIComponent(type._id) + '?force=true');
  }
  if (button) button.disabled = false;
  if (!result.ok) {
    notice('Could not delete “' + type.name + '”: ' + messageOf(result), 'error');
    return;
  }
  notice('Deleted “' + type.name + '”.');
  state.types = state.types.filter((t) => t._id !== type._id);
  if (state.open && state.editing && state.editing._id === type._id) {
    state.dirty = false;
    closeEditor();
  } else {
    renderList();
  }
}

// ---------------------------------------------------------------------------------------------
// Start (last, so every module-level binding above is initialised)

await loadTypes();
const wanted = param('id');
if (wanted) {
  const type = state.types.find((t) => t._id === wanted);
  if (type) openEditor(type, { skipGuard: true });
  else notice('That content type no longer exists.', 'error');
} else if (canWrite && location.hash === '#new') {
  openEditor(null, { skipGuard: true });
}
