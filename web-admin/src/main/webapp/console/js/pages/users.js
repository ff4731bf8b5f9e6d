// Users: the list; admins create, edit (role, primary group, password) and delete them.

import {api, segment} from '../api.js';
import {datalist, field, h, heading, section, table, uid} from '../dom.js';
import {form, integer, onSubmit} from '../forms.js';
import {list, yesNo} from '../format.js';

export const title = 'Users';
const ROLES = ['viewer', 'operator', 'admin'];

function createForm(ctx, groupList) {
  const created = form('New user', [
    field({label: 'Username', name: 'username', required: true}),
    field({label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', required: true,
      hint: '8 characters or more; also used for SMB logons'}),
    field({label: 'Role', name: 'role', options: ROLES, value: 'viewer'}),
    field({label: 'Primary group', name: 'primaryGroup', list: groupList, hint: 'empty: users'}),
    field({label: 'uid', name: 'uid', inputmode: 'numeric', hint: 'empty: the lowest free one from 1000'}),
  ], 'Create user');
  return onSubmit(created, async values => {
    const user = await api.post('users', {...values, uid: integer(values.uid, 'uid')});
    ctx.say(`User ${user.username} created with uid ${user.uid}.`);
    ctx.rerender();
  });
}

function editForm(ctx, user, groupList, close) {
  const edited = form(`Edit user ${user.username}`, [
    field({label: 'Role', name: 'role', options: ROLES, value: user.role}),
    field({label: 'Primary group', name: 'primaryGroup', list: groupList, value: user.primaryGroup}),
    field({label: 'New password', name: 'password', type: 'password', autocomplete: 'new-password',
      hint: 'empty: unchanged; a new one logs the user out everywhere'}),
  ], 'Save', h('button', {type: 'button', class: 'secondary', on: {click: close}}, 'Cancel'));
  return onSubmit(edited, async values => {
    const change = {role: values.role, password: values.password};
    if (values.primaryGroup !== user.primaryGroup) change.primaryGroup = values.primaryGroup;
    await api.patch(`users/${segment(user.username)}`, change);
    ctx.say(`User ${user.username} saved.`);
    ctx.rerender();
  });
}

async function remove(ctx, user) {
  if (!window.confirm(`Delete user ${user.username}? Files keep its uid ${user.uid}.`)) return;
  await api.del(`users/${segment(user.username)}`);
  ctx.say(`User ${user.username} deleted.`);
  ctx.rerender();
}

function rows(ctx, users, actions) {
  return users.map(user => [
    user.username, String(user.uid), user.primaryGroup || String(user.gid), list(user.groups), user.role,
    yesNo(user.smbLogon),
    ctx.may('admin') ? h('span', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary', 'aria-label': `Edit ${user.username}`,
        on: {click: () => actions.edit(user)}}, 'Edit'),
      h('button', {type: 'button', class: 'danger', 'aria-label': `Delete ${user.username}`,
        on: {click: () => actions.remove(user)}}, 'Delete')) : '',
  ]);
}

export async function render(container, ctx) {
  container.append(heading('Users'));
  const [users, groups] = await Promise.all([api.get('users'), api.get('groups')]);
  const groupList = uid('groups');
  const editor = h('div', {class: 'editor'});
  const actions = {
    edit: user => {
      editor.replaceChildren(h('div', {class: 'card'},
        editForm(ctx, user, groupList, () => editor.replaceChildren())));
      editor.querySelector('select, input').focus();
    },
    remove: user => remove(ctx, user).catch(ctx.fail),
  };
  container.append(datalist(groupList, groups.map(group => group.name)));
  if (ctx.may('admin')) container.append(h('div', {class: 'card'}, createForm(ctx, groupList)));
  container.append(editor, section('All users',
    table('Users', ['Username', 'uid', 'Primary group', 'Groups', 'Role', 'SMB logon', ''],
      rows(ctx, users, actions), 'No users.')));
}
