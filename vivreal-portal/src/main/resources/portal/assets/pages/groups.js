import { api, boot, h, mount, showErrors, clearErrors, notice, messageOf, param } from '../app.js';

const me = await boot({ requireGroup: false });
if (param('reason') === 'context') {
  document.getElementById('reason').textContent =
    'Your access to that group changed or your session moved on. Choose a group to continue.';
}

async function open(groupID) {
  const result = await api('POST', '/app/api/switch-profile', { groupID });
  if (result.ok) location.assign('/app/dashboard');
  else notice(messageOf(result), 'error');
}

const list = document.getElementById('group-list');
if (!me.groups.length) {
  mount(list, h('div', { class: 'empty' }, 'You are not in any group yet. Create one below, or ask a teammate to add you.'));
} else {
  mount(list, h('div', { class: 'grid' }, me.groups.map((g) =>
    h('div', { class: 'card', dataset: { groupId: g.groupID } },
      h('h2', { text: g.groupName }),
      h('p', { class: 'muted' }, 'Role: ' + g.role + ' · Tier: ' + g.tier),
      h('button', { type: 'button', class: me.active && me.active.groupID === g.groupID ? 'secondary' : null,
        on: { click: () => open(g.groupID) } },
        me.active && me.active.groupID === g.groupID ? 'Open (active)' : 'Open')))));
}

const form = document.getElementById('create-group');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const button = document.getElementById('create-group-submit');
  button.disabled = true;
  const created = await api('POST', '/app/api/groups', { name: form.name.value.trim() });
  if (!created.ok) {
    button.disabled = false;
    showErrors(form, created);
    return;
  }
  await open(created.data.groupID);
});
