import { boot, proxy, h, mount, when, notice, messageOf, showErrors, clearErrors, confirmDialog, param } from '../app.js';

// Free-form parts edited as JSON text: [name, 'object' | 'list'].
const JSON_PARTS = [
  ['businessInfo', 'object'], ['pages', 'list'], ['homeSections', 'list'],
  ['siteDetails', 'object'], ['domainInformation', 'object'],
];
// Parts templates shape as they like, set through the Management API: kept as they are on save.
const KEPT_PARTS = ['aboutSection', 'hero', 'cta', 'footer', 'emailPopup', 'blocks'];
const REPEATERS = {
  navigation: { rows: 'navigation-rows', add: 'add-navigation', keys: ['label', 'href'],
    placeholders: { label: 'About', href: '/about' } },
  socialLinks: { rows: 'social-rows', add: 'add-social', keys: ['platform', 'url'],
    placeholders: { platform: 'instagram', url: 'https://instagram.com/yourname' } },
};

const me = await boot();
const canWrite = me.active.role === 'owner' || me.active.role === 'admin';
const form = document.getElementById('site-form');
const saveButton = document.getElementById('save-site');
const newButton = document.getElementById('new-site');
const sitesError = document.getElementById('sites-error');
let sites = [];
let editing = null; // the id of the site in the form, or null for a new one
let kept = {}; // the parts of the edited site this form does not show, sent back unchanged

if (canWrite) {
  newButton.classList.remove('hidden');
  newButton.addEventListener('click', () => openEditor(null));
  document.getElementById('cancel-site').addEventListener('click', closeEditor);
  form.addEventListener('submit', save);
  for (const [part, spec] of Object.entries(REPEATERS)) {
    document.getElementById(spec.add).addEventListener('click', () => {
      addRow(part, {});
      const rows = document.getElementById(spec.rows).children;
      rows[rows.length - 1].querySelector('input').focus();
    });
  }
}

await load();
if (canWrite && param('edit')) openEditor(param('edit'));
else if (canWrite && location.hash === '#new') openEditor(null);

async function load() {
  const result = await proxy('GET', 'sites?limit=100');
  if (!result.ok) {
    mount(document.getElementById('sites-body'));
    sitesError.textContent = messageOf(result);
    return;
  }
  sitesError.textContent = '';
  sites = Array.isArray(result.data) ? result.data : [];
  render();
}

function render() {
  const body = document.getElementById('sites-body');
  if (!sites.length) {
    mount(body, h('div', { class: 'empty', id: 'sites-empty' },
      h('p', {}, 'No sites yet.'),
      canWrite
        ? h('p', {}, 'Create one to give your website templates a name, a domain, navigation and business details.')
        : h('p', {}, 'An owner or admin of the group can create one.')));
    return;
  }
  mount(body, h('table', { id: 'sites' },
    h('thead', {}, h('tr', {},
      h('th', {}, 'Name'), h('th', {}, 'Domain'), h('th', {}, 'Created'), h('th', {}, 'Updated'),
      canWrite ? h('th', {}, h('span', { class: 'sr-only' }, 'Actions')) : null)),
    h('tbody', {}, sites.map((site) => h('tr', { dataset: { siteId: site._id } },
      h('td', {}, h('strong', { text: site.name || '(unnamed)' }), h('div', { class: 'muted small' }, h('code', { text: site._id }))),
      h('td', {}, site.domainName ? h('code', { text: site.domainName }) : h('span', { class: 'muted' }, '—')),
      h('td', { text: when(site.createdAt) }),
      h('td', { text: when(site.updatedAt) }),
      canWrite ? h('td', { class: 'actions-cell' },
        h('button', { type: 'button', class: 'secondary small edit-site', dataset: { siteId: site._id },
          on: { click: () => openEditor(site._id) } }, 'Edit'),
        h('button', { type: 'button', class: 'danger small delete-site', dataset: { siteId: site._id },
          on: { click: (event) => remove(site, event.target) } }, 'Delete')) : null)))));
}

async function openEditor(siteId) {
  clearErrors(form);
  sitesError.textContent = '';
  let site = {};
  if (siteId) {
    newButton.disabled = true;
    const result = await proxy('GET', 'sites/' + encodeURIComponent(siteId));
    newButton.disabled = false;
    if (!result.ok) {
      sitesError.textContent = result.status === 404 ? 'That site no longer exists.' : messageOf(result);
      return;
    }
    site = result.data || {};
  }
  editing = siteId;
  kept = {};
  for (const part of KEPT_PARTS) if (site[part] !== undefined) kept[part] = site[part];
  if (site.navigation && typeof site.navigation === 'object' && !Array.isArray(site.navigation)) kept.navigation = site.navigation;
  document.getElementById('site-form-title').textContent = siteId ? 'Edit ' + (site.name || 'site') : 'New site';
  form.name.value = site.name || '';
  form.domainName.value = site.domainName || '';
  for (const [part] of JSON_PARTS) form[part].value = jsonText(site[part]);
  for (const part of Object.keys(REPEATERS)) {
    mount(document.getElementById(REPEATERS[part].rows));
    (Array.isArray(site[part]) ? site[part] : []).forEach((entry) => addRow(part, entry));
  }
  // Free-form parts with data open the advanced section, so nothing is hidden by surprise.
  document.getElementById('site-advanced').open = JSON_PARTS.some(([part]) => form[part].value !== '');
  form.classList.remove('hidden');
  form.scrollIntoView({ block: 'start' });
  form.name.focus();
}

function closeEditor() {
  clearErrors(form);
  form.classList.add('hidden');
  editing = null;
}

/** Pretty JSON for a textarea; empty objects, lists and a siteDetails with nothing in it show as blank. */
function jsonText(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value) && !value.length) return '';
  if (typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const emptyDetails = keys.every((k) => (k === 'schema' || k === 'values')
      && (Array.isArray(value[k]) ? !value[k].length : !value[k] || !Object.keys(value[k]).length));
    if (!keys.length || emptyDetails) return '';
  }
  return JSON.stringify(value, null, 2);
}

function addRow(part, entry) {
  const spec = REPEATERS[part];
  const rows = document.getElementById(spec.rows);
  const row = h('div', { class: 'repeat-row', dataset: { part } },
    spec.keys.map((key) => h('div', { class: 'field' },
      h('input', { type: 'text', name: key, class: 'repeat-' + key, placeholder: spec.placeholders[key],
        'aria-label': key, value: entry[key] == null ? '' : entry[key] }))),
    h('button', { type: 'button', class: 'link remove-row', 'aria-label': 'Remove this row',
      on: { click: () => { row.remove(); renumber(part); } } }, 'Remove'));
  rows.append(row);
  renumber(part);
}

/** Keeps data-field paths (navigation[2].href) in step with the rows, so errors land next to the right input. */
function renumber(part) {
  const spec = REPEATERS[part];
  [...document.getElementById(spec.rows).children].forEach((row, index) => {
    for (const key of spec.keys) row.querySelector('input[name="' + key + '"]').dataset.field = part + '[' + index + '].' + key;
  });
}

function collect() {
  const problems = [];
  const body = { name: form.name.value.trim(), domainName: form.domainName.value.trim() || null };
  for (const [part, spec] of Object.entries(REPEATERS)) {
    body[part] = [...document.getElementById(spec.rows).children]
      .map((row) => Object.fromEntries(spec.keys.map((key) => [key, row.querySelector('input[name="' + key + '"]').value.trim()])))
      .filter((entry) => spec.keys.some((key) => entry[key] !== ''));
  }
  for (const [part, value] of Object.entries(kept)) {
    if (part !== 'navigation' || !body.navigation.length) body[part] = value;
  }
  for (const [part, shape] of JSON_PARTS) {
    const text = form[part].value.trim();
    if (!text) continue;
    try {
      const value = JSON.parse(text);
      const isList = Array.isArray(value);
      const fits = shape === 'list' ? isList : value !== null && typeof value === 'object' && !isList;
      if (fits) body[part] = value;
      else problems.push({ field: part, message: shape === 'list' ? 'must be a JSON list: [ … ]' : 'must be a JSON object: { … }' });
    } catch (error) {
      problems.push({ field: part, message: 'is not valid JSON: ' + error.message });
    }
  }
  if (!body.name) problems.push({ field: 'name', message: 'a site needs a name' });
  return { body, problems };
}

async function save(event) {
  event.preventDefault();
  clearErrors(form);
  // Empty rows are dropped before sending, so renumber to match what the server will index.
  const { body, problems } = collect();
  if (problems.length) {
    showFieldErrors({ status: 400, data: { error: 'invalid', message: 'check the highlighted fields', errors: problems } });
    return;
  }
  dropEmptyRows();
  saveButton.disabled = true;
  const result = editing
    ? await proxy('PUT', 'sites/' + encodeURIComponent(editing), body)
    : await proxy('POST', 'sites', body);
  saveButton.disabled = false;
  if (!result.ok) {
    showFieldErrors(result);
    return;
  }
  notice((body.name || 'The site') + (editing ? ' was saved.' : ' was created.'));
  closeEditor();
  await load();
}

function dropEmptyRows() {
  for (const [part, spec] of Object.entries(REPEATERS)) {
    for (const row of [...document.getElementById(spec.rows).children]) {
      if ([...row.querySelectorAll('input')].every((input) => input.value.trim() === '')) row.remove();
    }
    renumber(part);
  }
}

/**
 * Shows the server's problems next to the closest field: "businessInfo.$x" is reported on the
 * business information box as "$x: …", "socialLinks[1].url" on that row's address input.
 */
function showFieldErrors(result) {
  const data = result.data || {};
  const list = Array.isArray(data.errors) && data.errors.length ? data.errors
    : data.field ? [{ field: data.field, message: messageOf(result) }] : null;
  if (list) {
    const errors = list.map((problem) => {
      const reason = problem.message || problem.reason || 'is invalid';
      const field = closestField(problem.field || '');
      if (!field) return { field: problem.field, message: reason };
      const rest = problem.field.slice(field.length).replace(/^\./, '');
      return { field, message: rest ? rest + ': ' + reason : reason };
    });
    showErrors(form, { status: result.status, data: { ...data, errors } });
  } else {
    showErrors(form, result);
  }
  if (form.querySelector('#site-advanced .field-error')) document.getElementById('site-advanced').open = true;
  const first = form.querySelector('[aria-invalid]');
  if (first && first.focus) first.focus();
}

function closestField(path) {
  let candidate = path;
  while (candidate) {
    if (form.querySelector('[data-field="' + CSS.escape(candidate) + '"]')) return candidate;
    const cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
    candidate = cut > 0 ? candidate.slice(0, cut) : '';
  }
  return null;
}

async function remove(site, button) {
  sitesError.textContent = '';
  const sure = await confirmDialog('Delete the site ' + (site.name || site._id) + '? Templates that read it will stop finding it.', 'Delete site');
  if (!sure) return;
  button.disabled = true;
  const result = await proxy('DELETE', 'sites/' + encodeURIComponent(site._id));
  if (!result.ok && result.status !== 404) {
    button.disabled = false;
    sitesError.textContent = messageOf(result);
    notice(messageOf(result), 'error');
    return;
  }
  if (editing === site._id) closeEditor();
  sites = sites.filter((s) => s._id !== site._id);
  notice((site.name || 'The site') + ' was deleted.');
  render();
}
