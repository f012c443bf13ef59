import { api, boot, h, mount, showErrors, clearErrors, notice, messageOf, param } from '../app.js';

const me = await boot({ requireGroup: false });
if (param('reason') === 'context') {
  document.getElementById('reason').textContent =
    'Your access to that group changed or your session moved on. Choose a group to continue.';
}

const VERIFIED = {
  1: ['Your e-mail address is confirmed.', 'ok'],
  expired: ['That confirmation link has expired. Send the mail again from the banner.', 'error'],
  invalid: ['That confirmation link is not valid. Send the mail again from the banner.', 'error'],
};
if (VERIFIED[param('verified')]) notice(...VERIFIED[param('verified')]);

async function open(groupID) {
  const result = await api('POST', '/app/api/switch-profile', { groupID });
  if (result.ok) location.assign('/app/dashboard');
  else notice(messageOf(result), 'error');
}

const list = document.getElementById('group-list');
if (!me.groups.length) {
  mount(list, h('div', { class: 'empty' }, 'You are not in any group yet. Create one below, or ask a teammate to invite you.'));
} else {
  mount(list, h('div', { class: 'grid' }, me.groups.map((g) =>
    h('div', { class: 'card', dataset: { groupId: g.groupID } },
      h('h2', { text: g.groupName }),
      h('p', { class: 'muted' }, 'Role: ' + g.role + ' · Tier: ' + g.tier),
      h('button', { type: 'button', class: me.active && me.active.groupID === g.groupID ? 'secondary' : null,
        on: { click: () => open(g.groupID) } },
        me.active && me.active.groupID === g.groupID ? 'Open (active)' : 'Open')))));
}

await loadInvitations();

/** Invitations to this account's confirmed address, with Accept and Decline. */
async function loadInvitations() {
  const result = await api('GET', '/app/api/invitations');
  const section = document.getElementById('invitations');
  const invitations = result.ok && Array.isArray(result.data) ? result.data : [];
  section.classList.toggle('hidden', !invitations.length);
  mount(document.getElementById('invitation-list'), h('div', { class: 'grid' }, invitations.map((invitation) =>
    h('div', { class: 'card invitation-card', dataset: { invitationId: invitation.invitationId } },
      h('h3', { text: invitation.groupName }),
      h('p', { class: 'muted' }, 'You are invited as ' + invitation.role + '. Expires ' +
        new Date(invitation.expiresAt).toLocaleDateString() + '.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'accept-invitation', on: { click: (event) => answer(invitation, 'accept', event.target) } }, 'Accept'),
        h('button', { type: 'button', class: 'secondary decline-invitation', on: { click: (event) => answer(invitation, 'decline', event.target) } }, 'Decline'))))));
}

async function answer(invitation, action, button) {
  button.disabled = true;
  const result = await api('POST', '/app/api/invitations/' + encodeURIComponent(invitation.invitationId) + '/' + action);
  if (!result.ok) {
    button.disabled = false;
    notice(messageOf(result), 'error');
    return;
  }
  if (action === 'accept') {
    notice('You joined ' + invitation.groupName + '.');
    await open(invitation.groupID);
    return;
  }
  notice('Invitation to ' + invitation.groupName + ' declined.');
  await loadInvitations();
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
