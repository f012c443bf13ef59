import { api, boot, h, mount, notice, messageOf, showErrors, clearErrors, confirmDialog } from '../app.js';

await boot({ requireGroup: false });

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—');

async function load() {
  const result = await api('GET', '/app/api/sessions');
  const list = document.getElementById('session-list');
  if (!result.ok) { mount(list, h('p', { class: 'form-error' }, messageOf(result))); return; }
  mount(list, h('table', { id: 'sessions' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Browser'), h('th', {}, 'Address'), h('th', {}, 'Signed in'),
      h('th', {}, 'Last seen'), h('th', {}, ''))),
    h('tbody', {}, result.data.map((s) => h('tr', { dataset: { sessionId: s.id }, class: s.current ? 'current' : null },
      h('td', {}, s.userAgent || 'Unknown', s.current ? h('span', { class: 'badge' }, ' this session') : null),
      h('td', { text: s.clientAddress || '' }),
      h('td', { text: when(s.createdAt) }),
      h('td', { text: when(s.lastSeenAt) }),
      h('td', {}, h('button', { type: 'button', class: 'small secondary', dataset: { revoke: s.id },
        on: { click: () => end(s) } }, s.current ? 'Sign out' : 'Sign out this session')))))));
}

async function end(session) {
  const result = await api('DELETE', '/app/api/sessions/' + encodeURIComponent(session.id));
  if (!result.ok) { notice(messageOf(result), 'error'); return; }
  if (session.current) { location.assign('/app/login'); return; }
  notice('Signed out that session.');
  await load();
}

document.getElementById('revoke-others').addEventListener('click', async () => {
  if (!(await confirmDialog('Sign out every other session of your account?', 'Sign out others'))) return;
  const result = await api('POST', '/app/api/sessions/revoke-others');
  if (!result.ok) { notice(messageOf(result), 'error'); return; }
  notice(result.data.revoked === 1 ? 'Signed out 1 other session.' : 'Signed out ' + result.data.revoked + ' other sessions.');
  await load();
});

const form = document.getElementById('password-change');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const button = document.getElementById('password-submit');
  button.disabled = true;
  const result = await api('POST', '/app/api/password',
    { currentPassword: form.currentPassword.value, newPassword: form.newPassword.value });
  button.disabled = false;
  if (!result.ok) { showErrors(form, result); return; }
  form.reset();
  notice('Password changed; every other session is signed out.');
  await load();
});

await load();
