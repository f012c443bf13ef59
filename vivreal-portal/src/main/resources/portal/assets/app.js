// The portal's small front-end kit: every page is a static HTML file that loads one module from
// assets/pages/. Rules that keep the Content-Security-Policy strict: no inline scripts, no inline
// event handlers, no style="" attributes, and never innerHTML with data — build nodes with h().

/** The signed double-submit CSRF token the server set for this session (readable by design). */
export function csrfToken() {
  const match = document.cookie.split(/;\s*/).find((c) => c.startsWith('csrf_token='));
  return match ? decodeURIComponent(match.slice('csrf_token='.length)) : '';
}

/**
 * Calls a portal route (/app/api/...). Body: a plain object (sent as JSON) or FormData. Answers
 * {ok, status, data, headers}; data is the parsed JSON or null. A lost session sends the browser to
 * the login page (returning a promise that never settles, so callers do not render errors).
 */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken();
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  let data = null;
  const text = await response.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = { error: 'bad_response', message: text.slice(0, 200) }; }
  }
  if (response.status === 401 && data && data.error === 'reauth_required' && !path.startsWith('/app/api/reauth')) {
    // Step-up: ask for the password in place, then retry the very same request once confirmed.
    if (await reauthDialog()) return api(method, path, body);
    return { ok: false, status: response.status, data, headers: response.headers };
  }
  if (response.status === 403 && data && data.error === 'two_factor_required') {
    // The group requires a second factor this person has not set up yet.
    location.assign('/app/two-factor?required=1');
    return new Promise(() => {});
  }
  if (response.status === 401 && !path.startsWith('/app/api/login') && !path.startsWith('/app/api/reauth')) {
    if (data && data.error === 'invalid_context') {
      location.assign('/app/groups?reason=context');
    } else {
      location.assign('/app/login?next=' + encodeURIComponent(location.pathname + location.search));
    }
    return new Promise(() => {});
  }
  return { ok: response.ok, status: response.status, data, headers: response.headers };
}

/** Shorthand for the active group's Management API routes through the portal proxy. */
export const proxy = (method, path, body) => api(method, '/app/api/proxy/' + path.replace(/^\/+/, ''), body);

/**
 * Builds an element. attrs: class, text, for, type, value, ... set as attributes; `on: {click: fn}`
 * adds listeners; `dataset: {}`; `props: {}` assigned as properties (checked, disabled, ...).
 * Children: nodes, strings (as text), arrays, null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'on') for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'props') Object.assign(node, value);
    else if (key === 'style') throw new Error('no inline styles: use a class');
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of a node. */
export function mount(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A readable date-time, or '—'. */
export function when(value) {
  if (!value) return '—';
  const date = new Date(value);
  return isNaN(date) ? String(value) : date.toLocaleString();
}

/** A transient message at the top of the page. kind: 'ok' | 'error'. */
export function notice(message, kind = 'ok') {
  let area = document.getElementById('notices');
  if (!area) {
    area = h('div', { id: 'notices', role: 'status', 'aria-live': 'polite' });
    document.body.prepend(area);
  }
  const item = h('div', { class: 'notice ' + kind, text: message });
  area.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}

/** The server's human message for a failed call. */
export function messageOf(result) {
  const data = result && result.data;
  if (result && result.status === 429) {
    const after = result.headers && result.headers.get('Retry-After');
    return 'Too many attempts. Try again in ' + humanSeconds(after) + '.';
  }
  if (data && data.message) return data.message;
  if (data && data.error) return data.error.replace(/_/g, ' ');
  return 'Something went wrong (' + (result ? result.status : 'network') + ').';
}

export function humanSeconds(value) {
  const seconds = Math.max(1, parseInt(value || '60', 10));
  if (seconds < 90) return seconds + ' seconds';
  return Math.ceil(seconds / 60) + ' minutes';
}

/**
 * Shows a failed call's errors next to the fields at fault. Inputs are found by their
 * data-field="<path>" attribute inside `form`; each gets a .field-error sibling. Problems that do
 * not match a field go to the form's .form-error element. Returns true when something was shown.
 */
export function showErrors(form, result) {
  clearErrors(form);
  const data = (result && result.data) || {};
  const problems = Array.isArray(data.errors) && data.errors.length
    ? data.errors
    : [{ field: data.field, message: messageOf(result) }];
  let general = [];
  for (const problem of problems) {
    const input = problem.field ? findField(form, problem.field) : null;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const error = h('div', { class: 'field-error', text: problem.message || problem.reason || 'invalid' });
      input.closest('.field') ? input.closest('.field').append(error) : input.after(error);
    } else {
      general.push((problem.field ? problem.field + ': ' : '') + (problem.message || problem.reason || ''));
    }
  }
  if (general.length) {
    let box = form.querySelector('.form-error');
    if (!box) { box = h('div', { class: 'form-error', role: 'alert' }); form.prepend(box); }
    box.textContent = general.join(' ');
  }
  return true;
}

function findField(form, path) {
  const candidates = [path, path.replace(/^objectValue\./, ''), path.replace(/\[\d+\]$/, '')];
  for (const candidate of candidates) {
    const input = form.querySelector('[data-field="' + CSS.escape(candidate) + '"]');
    if (input) return input;
  }
  return null;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  const box = form.querySelector('.form-error');
  if (box) box.textContent = '';
}

/**
 * Asks for the password again before an action that needs a recent sign-in (revealing or rolling
 * the API key, changing secrets or roles). Resolves true once the server recorded it, false when
 * the person cancels. A wrong password keeps the dialog open; the sign-in limits apply.
 */
export function reauthDialog() {
  return new Promise((resolve) => {
    const password = h('input', { type: 'password', id: 'reauth-password', autocomplete: 'current-password' });
    const code = h('input', { type: 'text', id: 'reauth-code', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: '64' });
    const error = h('p', { class: 'form-error', id: 'reauth-error', role: 'alert' });
    const form = h('form', { id: 'reauth-form' },
      h('p', { text: 'For your security, confirm your password to continue.' }),
      h('label', { for: 'reauth-password' }, 'Password'), password,
      h('label', { for: 'reauth-code' }, 'or a code from your authenticator app'), code, error,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', id: 'reauth-cancel', on: { click: () => close(false) } }, 'Cancel'),
        h('button', { type: 'submit', class: 'primary', id: 'reauth-confirm' }, 'Confirm')));
    const dialog = h('dialog', { class: 'confirm', id: 'reauth-dialog' }, form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const withCode = code.value.trim() !== '';
      const result = await api('POST', '/app/api/reauth', withCode ? { code: code.value.trim() } : { password: password.value });
      if (result.ok) { close(true); return; }
      error.textContent = result.status === 401
        ? (withCode ? 'That code is not right or was already used.' : 'That password is not right.')
        : messageOf(result);
      password.value = '';
      code.value = '';
      password.focus();
    });
    function close(answer) { dialog.close(); dialog.remove(); resolve(answer); }
    dialog.addEventListener('cancel', () => close(false));
    document.body.append(dialog);
    dialog.showModal();
    password.focus();
  });
}

/** A modal confirmation; resolves true when the user confirms. */
export function confirmDialog(message, confirmLabel = 'Confirm', danger = true) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm' },
      h('p', { text: message }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', on: { click: () => close(false) } }, 'Cancel'),
        h('button', { type: 'button', class: danger ? 'danger' : 'primary', id: 'confirm-yes',
          on: { click: () => close(true) } }, confirmLabel)));
    function close(answer) { dialog.close(); dialog.remove(); resolve(answer); }
    dialog.addEventListener('cancel', () => close(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}

const NAV = [
  ['dashboard', 'Dashboard'], ['content', 'Content'], ['types', 'Content types'], ['media', 'Media'],
  ['sites', 'Sites'], ['posts', 'Posts', ['owner', 'admin', 'editor']], ['channels', 'Channels', ['owner', 'admin']], ['team', 'Team'], ['settings', 'Settings'],
  ['audit', 'Audit log', ['owner', 'admin']], ['subscribers', 'Subscribers', ['owner', 'admin']],
];

/**
 * Loads who is signed in and the active group, renders the header and navigation, and returns
 * {user, active, groups}. Pages that need a group send the user to the group picker without one.
 */
export async function boot({ requireGroup = true } = {}) {
  const result = await api('GET', '/app/api/me');
  if (!result.ok) {
    location.assign('/app/login?next=' + encodeURIComponent(location.pathname));
    return new Promise(() => {});
  }
  const me = result.data;
  if (requireGroup && !me.active) {
    location.assign('/app/groups');
    return new Promise(() => {});
  }
  renderHeader(me);
  verificationBanner();
  return me;
}

/**
 * Until the account's address is confirmed, a banner says so and offers the mail again:
 * invitations reach only confirmed addresses.
 */
async function verificationBanner() {
  const main = document.getElementById('main');
  if (!main) return;
  const account = await api('GET', '/app/api/account');
  if (!account.ok || !account.data || account.data.emailVerified) return;
  const button = h('button', { type: 'button', class: 'small secondary', id: 'resend-verification' }, 'Send the mail again');
  const status = h('span', { class: 'muted', id: 'resend-status', role: 'status' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    const sent = await api('POST', '/app/api/account/verification-mail');
    status.textContent = sent.ok ? ' Sent — check your inbox.' : ' ' + messageOf(sent);
    if (!sent.ok) button.disabled = false;
  });
  main.prepend(h('div', { class: 'warning banner', id: 'verify-banner', role: 'note' },
    'Confirm your e-mail address: we sent a link to ', h('strong', { text: account.data.email || '' }),
    '. Invitations to teams reach you once it is confirmed. ', button, status));
}

function renderHeader(me) {
  const top = document.getElementById('top');
  if (!top) return;
  const page = document.body.dataset.page;
  const links = me.active
    ? NAV.filter(([, , roles]) => !roles || roles.includes(me.active.role)).map(([slug, label]) =>
        h('a', { href: '/app/' + slug, class: slug === page ? 'current' : null,
          'aria-current': slug === page ? 'page' : null }, label))
    : [];
  const switcher = h('select', { id: 'group-switcher', 'aria-label': 'Active group',
    on: { change: async (event) => {
      const value = event.target.value;
      if (value === '__new') { location.assign('/app/groups#create'); return; }
      const switched = await api('POST', '/app/api/switch-profile', { groupID: value });
      if (switched.ok) location.assign('/app/dashboard'); else notice(messageOf(switched), 'error');
    } } },
    me.groups.map((g) => h('option', { value: g.groupID, props: { selected: me.active && g.groupID === me.active.groupID } },
      g.groupName + ' (' + g.role + ')')),
    h('option', { value: '__new' }, '+ New group…'));
  if (!me.active) switcher.prepend(h('option', { value: '', props: { selected: true, disabled: true } }, 'Choose a group'));
  mount(top,
    h('a', { href: '/app/dashboard', class: 'brand' }, 'Vivreal'),
    h('nav', { 'aria-label': 'Main' }, links),
    h('div', { class: 'account' },
      me.groups.length ? switcher : null,
      me.active ? h('span', { class: 'badge tier', title: 'Tier' }, me.active.tier) : null,
      h('span', { class: 'who', text: me.user.email }),
      h('a', { href: '/app/two-factor', id: 'two-factor-link' }, 'Two-factor'),
      h('a', { href: '/app/sessions', id: 'sessions-link', class: page === 'sessions' ? 'current' : null }, 'Sessions'),
      h('button', { type: 'button', class: 'link', id: 'logout', on: { click: logout } }, 'Log out')));
}

export async function logout() {
  await api('POST', '/app/api/logout');
  location.assign('/app/login');
}

/** Reads ?name= from the address. */
export const param = (name) => new URLSearchParams(location.search).get(name);

/** The JSON stand-in for "no limit" (Long.MAX_VALUE; -1 in usage answers). */
export const isUnlimited = (n) => n === null || n === undefined || n < 0 || n >= 9007199254740991;

/** A byte count for people: 512 B, 4.5 KB, 10 MB, 1.2 GB (binary units, like the tier limits). */
export function bytes(n) {
  if (isUnlimited(n)) return 'Unlimited';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = Number(n);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  const text = unit === 0 || value >= 100 || Number.isInteger(value)
    ? Math.round(value).toLocaleString('en') : value.toFixed(1).replace(/\.0$/, '');
  return text + ' ' + units[unit];
}
