// Groups: the list; admins create and delete them and manage their members.

import {api, segment} from '../api.js';
import {datalist, field, h, heading, section, table, uid} from '../dom.js';
import {form, integer, onSubmit} from '../forms.js';

export const title = 'Groups';

function createForm(ctx) {
  const created = form('New group', [
    field({label: 'Group name', name: 'name', required: true}),
    field({label: 'gid', name: 'gid', inputmode: 'numeric', hint: 'empty: the lowest free one from 1000'}),
  ], 'Create group');
  return onSubmit(created, async values => {
    const group = await api.post('groups', {name: values.name, gid: integer(values.gid, 'gid')});
    ctx.say(`Group ${group.name} created with gid ${group.gid}.`);
    ctx.rerender();
  });
}

function membersPanel(ctx, group, userList, close) {
  const memberRows = group.members.map(member => [member, ctx.may('admin')
    ? h('button', {type: 'button', class: 'danger', 'aria-label': `Remove ${member} from ${group.name}`,
      on: {click: () => changeMember(ctx, group, member, false).catch(ctx.fail)}}, 'Remove')
    : '']);
  const added = form(`Add a member to ${group.name}`, [
    field({label: 'Username', name: 'username', list: userList, required: true}),
  ], 'Add member', h('button', {type: 'button', class: 'secondary', on: {click: close}}, 'Close'));
  onSubmit(added, values => changeMember(ctx, group, values.username || '', true));
  return h('div', {class: 'card'},
    h('h2', null, `Members of ${group.name} (gid ${group.gid})`),
    table(`Members of ${group.name}`, ['Member', ''], memberRows, 'No members yet.'),
    ctx.may('admin') ? added : null);
}

async function changeMember(ctx, group, username, add) {
  const path = `groups/${segment(group.name)}/members/${segment(username)}`;
  const changed = add ? await api.put(path) : await api.del(path);
  ctx.say(add ? `${username} added to ${changed.name}.` : `${username} removed from ${changed.name}.`);
  ctx.rerender({members: changed.name});
}

async function remove(ctx, group) {
  if (!window.confirm(`Delete group ${group.name}? Files keep its gid ${group.gid}.`)) return;
  await api.del(`groups/${segment(group.name)}`);
  ctx.say(`Group ${group.name} deleted.`);
  ctx.rerender();
}

export async function render(container, ctx) {
  container.append(heading('Groups'));
  const [groups, users] = await Promise.all([api.get('groups'), api.get('users')]);
  const userList = uid('users');
  const panel = h('div', {class: 'editor'});
  const showMembers = group => {
    panel.replaceChildren(membersPanel(ctx, group, userList, () => panel.replaceChildren()));
    (panel.querySelector('input') || panel.querySelector('h2')).focus();
  };
  const rows = groups.map(group => [group.name, String(group.gid), String(group.members.length),
    h('span', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary', 'aria-label': `Members of ${group.name}`,
        on: {click: () => showMembers(group)}}, 'Members'),
      ctx.may('admin') ? h('button', {type: 'button', class: 'danger', 'aria-label': `Delete ${group.name}`,
        on: {click: () => remove(ctx, group).catch(ctx.fail)}}, 'Delete') : null)]);
  container.append(datalist(userList, users.map(user => user.username)));
  if (ctx.may('admin')) container.append(h('div', {class: 'card'}, createForm(ctx)));
  container.append(panel, section('All groups',
    table('Groups', ['Group', 'gid', 'Members', ''], rows, 'No groups.')));
  const reopened = groups.find(group => group.name === ctx.state.members);
  if (reopened) showMembers(reopened);
}
