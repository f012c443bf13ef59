import { boot, api, h, mount, notice, messageOf, confirmDialog, showErrors, clearErrors, param } from '../app.js';

await boot({ requireGroup: false });
const section = document.getElementById('two-factor');
if (param('required')) document.getElementById('required-banner').classList.remove('hidden');

await render();

async function render() {
  const status = await api('GET', '/app/api/two-factor');
  if (!status.ok) { mount(section, h('p', { class: 'form-error', text: messageOf(status) })); return; }
  const s = status.data;
  if (!s.enabled) {
    mount(section,
      h('p', { id: 'two-factor-status' }, 'Two-factor sign-in is off.'),
      h('p', { class: 'muted' }, 'With it on, signing in needs your password and a 6-digit code from an authenticator app.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'enroll', on: { click: enroll } }, 'Set up two-factor sign-in')));
    return;
  }
  mount(section,
    h('p', { id: 'two-factor-status' }, 'Two-factor sign-in is on.'),
    h('p', { class: 'muted', id: 'recovery-left' }, s.recoveryCodesLeft + ' recovery codes left.'),
    s.requiredByGroup ? h('p', { class: 'muted' }, 'A group you belong to requires it, so it cannot be turned off.') : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', id: 'enroll', on: { click: enroll } }, 'Use a new authenticator'),
      s.requiredByGroup ? null
        : h('button', { type: 'button', class: 'danger', id: 'disable', on: { click: disable } }, 'Turn off')));
}

async function enroll() {
  const result = await api('POST', '/app/api/two-factor/enroll');
  if (!result.ok) { notice(messageOf(result), 'error'); return; }
  const { secret, qrSvg } = result.data;
  // The SVG is shown as an image (never inserted as markup): it cannot run anything.
  const qr = h('img', { id: 'qr', alt: 'QR code for your authenticator app', width: '200', height: '200',
    src: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(qrSvg) });
  const code = h('input', { id: 'confirm-code', name: 'code', type: 'text', 'data-field': 'code',
    autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: '6', required: 'required' });
  const form = h('form', { id: 'confirm-form', novalidate: true },
    h('div', { class: 'form-error', role: 'alert' }),
    h('div', { class: 'field' }, h('label', { for: 'confirm-code' }, 'Code from the app'), code),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'confirm-submit' }, 'Turn on')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const confirmed = await api('POST', '/app/api/two-factor/confirm', { code: code.value.trim() });
    if (!confirmed.ok) { showErrors(form, confirmed); return; }
    showRecoveryCodes(confirmed.data.recoveryCodes);
  });
  mount(section,
    h('p', {}, 'Scan this code with your authenticator app, then enter the 6-digit code it shows.'),
    qr,
    h('p', { class: 'muted' }, 'Cannot scan? Enter this key by hand:'),
    h('code', { class: 'secret', id: 'totp-secret' }, secret),
    form);
  code.focus();
}

function showRecoveryCodes(codes) {
  mount(section,
    h('p', { id: 'two-factor-status' }, 'Two-factor sign-in is on.'),
    h('p', { class: 'warning' }, 'Save these recovery codes somewhere safe. Each signs you in once if you lose your'
      + ' authenticator. They are shown only now.'),
    h('ul', { id: 'recovery-codes' }, codes.map((c) => h('li', {}, h('code', {}, c)))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'recovery-done', on: { click: () => {
        const next = param('required') ? '/app/dashboard' : null;
        if (next) location.assign(next); else render();
      } } }, 'I saved them')));
}

async function disable() {
  if (!await confirmDialog('Turn off two-factor sign-in? Signing in will need only your password.', 'Turn off')) return;
  const result = await api('DELETE', '/app/api/two-factor');
  if (!result.ok) { notice(messageOf(result), 'error'); return; }
  notice('Two-factor sign-in is off');
  render();
}
