import { boot, proxy, h, mount, notice, messageOf, showErrors, clearErrors, confirmDialog } from '../app.js';

const ROLES = ['viewer', 'editor', 'admin', 'owner'];
const ROLE_HELP = {
  owner: 'Owner — everything, including other owners',
  admin: 'Admin — content types, team, API key, sites',
  editor: 'Editor — writes content and media',
  viewer: 'Viewer — reads only',
};

const me = await boot();
const myRole = me.active.role;
const canManage = myRole === 'owner' || myRole === 'admin';
// Only an owner may grant the owner role or change or remove an owner (the server enforces it too).
const grantable = ROLES.filter((role) => role !== 'owner' || myRole === 'owner');

const form = document.getElementById('add-member-form');
const membersError = document.getElementById('members-error');
let members = [];

if (canManage) {
  form.classList.remove('hidden');
  mount(document.getElementById('member-role'),
    grantable.map((role) => h('option', { value: role, title: ROLE_HELP[role], props: { selected: role === 'editor' } }, role)));
  form.addEventListener('submit', addMember);
} else {
  document.getElementById('read-only-note').classList.remove('hidden');
}

await load();
if (canManage) await loadInvitations();

/** The group's pending invitations, each with Revoke. */
async function loadInvitations() {
  const result = await proxy('GET', 'invitations');
  const section = document.getElementById('invitations-section');
  const invitations = result.ok && Array.isArray(result.data) ? result.data : [];
  section.classList.toggle('hidden', !invitations.length);
  mount(document.getElementById('invitations-body'), h('table', { id: 'invitations' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Email'), h('th', {}, 'Role'), h('th', {}, 'Status'), h('th', {}, 'Expires'),
      h('th', {}, h('span', { class: 'sr-only' }, 'Actions')))),
    h('tbody', {}, invitations.map((invitation) =>
      h('tr', { dataset: { invitationId: invitation.invitationId } },
        h('td', { text: invitation.email }),
        h('td', {}, h('span', { class: 'badge role-' + invitation.role, text: invitation.role })),
        h('td', { text: invitation.status }),
        h('td', { text: new Date(invitation.expiresAt).toLocaleDateString() }),
        h('td', { class: 'actions-cell' }, h('button', { type: 'button', class: 'danger small revoke-invitation',
          on: { click: (event) => revoke(invitation, event.target) } }, 'Revoke')))))));
}

async function revoke(invitation, button) {
  if (!await confirmDialog('Revoke the invitation of ' + invitation.email + '?', 'Revoke')) return;
  button.disabled = true;
  const result = await proxy('DELETE', 'invitations/' + encodeURIComponent(invitation.invitationId));
  if (!result.ok) {
    button.disabled = false;
    notice(messageOf(result), 'error');
    return;
  }
  notice('The invitation of ' + invitation.email + ' was revoked.');
  await loadInvitations();
}

async function load() {
  const result = await proxy('GET', 'members');
  if (!result.ok) {
    mount(document.getElementById('members-body'), h('div', { class: 'form-error', role: 'alert', text: messageOf(result) }));
    return;
  }
  members = Array.isArray(result.data) ? result.data : [];
  render();
}

function render() {
  const body = document.getElementById('members-body');
  if (!members.length) {
    mount(body, h('p', { class: 'empty' }, 'No members yet.'));
    return;
  }
  const sorted = [...members].sort((a, b) =>
    ROLES.indexOf(b.role) - ROLES.indexOf(a.role) || String(a.email || '').localeCompare(String(b.email || '')));
  mount(body, h('table', { id: 'members' },
    h('thead', {}, h('tr', {},
      h('th', {}, 'Name'), h('th', {}, 'Email'), h('th', {}, 'Role'), canManage ? h('th', {}, h('span', { class: 'sr-only' }, 'Actions')) : null)),
    h('tbody', {}, sorted.map(row))));
}

function row(member) {
  const self = member.userId === me.user.userId;
  // Admins cannot touch owners; nobody edits a role they could not grant.
  const editable = canManage && (myRole === 'owner' || member.role !== 'owner');
  const roleCell = editable
    ? h('select', {
      class: 'member-role', 'aria-label': 'Role of ' + (member.email || member.userId),
      dataset: { userId: member.userId }, on: { change: (event) => changeRole(member, event.target) },
    }, grantable.map((role) => h('option', { value: role, props: { selected: role === member.role } }, role)))
    : h('span', { class: 'badge role-' + member.role, text: member.role });
  return h('tr', { dataset: { userId: member.userId, role: member.role } },
    h('td', {}, member.name || h('span', { class: 'muted' }, '—'), self ? h('span', { class: 'muted' }, ' (you)') : null),
    h('td', { text: member.email || member.userId }),
    h('td', {}, roleCell),
    canManage ? h('td', { class: 'actions-cell' }, editable
      ? h('button', { type: 'button', class: 'danger small remove-member', dataset: { userId: member.userId },
        on: { click: (event) => removeMember(member, event.target) } }, self ? 'Leave' : 'Remove')
      : null) : null);
}

async function addMember(event) {
  event.preventDefault();
  clearErrors(form);
  membersError.textContent = '';
  const email = form.email.value.trim();
  if (!email) {
    showErrors(form, { status: 400, data: { field: 'email', message: 'enter the email of the person to invite' } });
    return;
  }
  const button = document.getElementById('add-member');
  button.disabled = true;
  const result = await proxy('POST', 'members', { email, role: form.role.value });
  button.disabled = false;
  if (result.ok) {
    form.email.value = '';
    notice('Invitation sent to ' + (result.data && result.data.email ? result.data.email : email) +
      ' as ' + form.role.value + '. They join when they accept it.');
    await loadInvitations();
    return;
  }
  if (result.status === 402) {
    showQuota(form.querySelector('.form-error'), result);
    return;
  }
  showErrors(form, result);
}

async function changeRole(member, select) {
  membersError.textContent = '';
  const role = select.value;
  const self = member.userId === me.user.userId;
  if (self && ROLES.indexOf(role) < ROLES.indexOf(member.role)) {
    const sure = await confirmDialog('Change your own role to ' + role + '? You may lose access to parts of this group.', 'Change my role');
    if (!sure) { select.value = member.role; return; }
  }
  select.disabled = true;
  const result = await proxy('PUT', 'members/' + encodeURIComponent(member.userId), { role });
  select.disabled = false;
  if (!result.ok) {
    select.value = member.role;
    showMemberError(result);
    return;
  }
  member.role = (result.data && result.data.role) || role;
  notice((member.email || 'The member') + ' is now ' + member.role + '.');
  if (self) { location.reload(); return; }
  render();
}

async function removeMember(member, button) {
  membersError.textContent = '';
  const self = member.userId === me.user.userId;
  const question = self
    ? 'Leave ' + me.active.groupName + '? You will lose access to this group.'
    : 'Remove ' + (member.email || member.userId) + ' from ' + me.active.groupName + '? They lose access at once.';
  if (!await confirmDialog(question, self ? 'Leave group' : 'Remove member')) return;
  button.disabled = true;
  const result = await proxy('DELETE', 'members/' + encodeURIComponent(member.userId));
  if (!result.ok) {
    button.disabled = false;
    showMemberError(result);
    return;
  }
  if (self) { location.assign('/app/groups'); return; }
  members = members.filter((m) => m.userId !== member.userId);
  notice((member.email || 'The member') + ' was removed.');
  render();
}

function showMemberError(result) {
  const code = result.data && result.data.error;
  const message = code === 'last_owner'
    ? 'A group must keep at least one owner. Make another member an owner first, then change or remove this one.'
    : messageOf(result);
  membersError.textContent = message;
  notice(message, 'error');
}

/** A 402 quota refusal, with the way out: a link to the plans. */
function showQuota(box, result) {
  box.replaceChildren(sentence(messageOf(result)) + '. ', h('a', { href: '/app/pricing', class: 'quota-link' }, 'See plans and limits'));
}

const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1);
