// Shares: the list; admins and operators create, change and delete them, pick their block store, and set per-user
// and per-group permissions.

import {api, segment} from '../api.js';
import {datalist, field, h, heading, section, table, uid} from '../dom.js';
import {form, integer, onSubmit} from '../forms.js';
import {list, yesNo} from '../format.js';

export const title = 'Shares';
const LEVELS = ['read', 'read-write', 'admin', 'none'];
const KINDS = [{value: 'groups', label: 'group'}, {value: 'users', label: 'user'}];

// The store is chosen from the stores' names; it changes only while the share holds no file.
function optionFields(share, storeNames) {
  return [
    field({label: 'Read-only', name: 'readOnly', type: 'checkbox', value: share.readOnly}),
    field({label: 'Root squash (NFS)', name: 'rootSquash', type: 'checkbox', value: share.rootSquash}),
    field({label: 'All squash (NFS)', name: 'allSquash', type: 'checkbox', value: share.allSquash}),
    field({label: 'Anonymous uid', name: 'anonUid', inputmode: 'numeric', value: share.anonUid}),
    field({label: 'Anonymous gid', name: 'anonGid', inputmode: 'numeric', value: share.anonGid}),
    field({label: 'Allowed networks (NFS)', name: 'allowedNetworks', value: share.allowedNetworks.join(', '),
      hint: 'CIDR blocks or addresses, separated by commas; empty: every client'}),
    field({label: 'Encryption required (SMB)', name: 'smbEncryptionRequired', type: 'checkbox',
      value: share.smbEncryptionRequired}),
    field({label: 'Signing required (SMB)', name: 'smbSigningRequired', type: 'checkbox',
      value: share.smbSigningRequired, hint: 'unsigned requests are refused; guests cannot connect'}),
    field({label: 'Guests allowed (SMB)', name: 'smbGuestAllowed', type: 'checkbox', value: share.smbGuestAllowed,
      hint: 'guests act as the anonymous uid and gid'}),
    field({label: 'Block store', name: 'store', options: storeNames, value: share.store,
      hint: 'where the share\'s blocks are kept; changes only while the share is empty'}),
  ];
}

function options(values) {
  return {
    readOnly: values.readOnly, rootSquash: values.rootSquash, allSquash: values.allSquash,
    anonUid: integer(values.anonUid, 'anonUid'), anonGid: integer(values.anonGid, 'anonGid'),
    allowedNetworks: (values.allowedNetworks || '').split(/[\s,]+/).filter(Boolean),
    smbEncryptionRequired: values.smbEncryptionRequired, smbGuestAllowed: values.smbGuestAllowed,
    smbSigningRequired: values.smbSigningRequired, store: values.store,
  };
}

const DEFAULTS = {readOnly: false, rootSquash: true, allSquash: false, anonUid: 65534, anonGid: 65534,
  allowedNetworks: [], smbEncryptionRequired: false, smbGuestAllowed: false, smbSigningRequired: false,
  store: 'default'};

function createForm(ctx, storeNames) {
  const created = form('New share', [field({label: 'Share name', name: 'name', required: true}),
    ...optionFields(DEFAULTS, storeNames)], 'Create share');
  return onSubmit(created, async values => {
    const share = await api.post('shares', {name: values.name, ...options(values)});
    ctx.say(`Share ${share.name} created (NFS export ${share.exportPath}).`);
    ctx.rerender({share: share.name});
  });
}

// The share's name and options; a changed name renames it (its files and permissions stay, clients then connect by the
// new name).
function optionsForm(ctx, share, storeNames, close) {
  const nameField = field({label: 'Share name', name: 'name', value: share.name, required: true,
    hint: 'renaming keeps files and permissions; NFS mounts and SMB connections then use the new name'});
  const changed = form(`Options of ${share.name}`, [nameField, ...optionFields(share, storeNames)], 'Save options',
    h('button', {type: 'button', class: 'secondary', on: {click: close}}, 'Close'));
  return onSubmit(changed, async values => {
    const change = options(values);
    if (values.name !== undefined && values.name !== share.name) change.name = values.name;
    const saved = await api.patch(`shares/${segment(share.name)}`, change);
    ctx.say(saved.name === share.name ? `Share ${share.name} saved.` : `Share ${share.name} renamed to ${saved.name}.`);
    ctx.rerender({share: saved.name});
  });
}

function permissionPath(share, kind, principal) {
  return `shares/${segment(share.name)}/permissions/${kind}/${segment(principal)}`;
}

function grantForm(ctx, share, lists) {
  const granted = form(`Grant a permission on ${share.name}`, [
    field({label: 'Kind', name: 'kind', options: KINDS, value: 'groups'}),
    field({label: 'Name', name: 'principal', list: lists.groups, required: true,
      hint: 'a group or user name; granting again changes the level'}),
    field({label: 'Level', name: 'level', options: LEVELS, value: 'read-write'}),
  ], 'Grant');
  const kind = granted.querySelector('[name="kind"]');
  kind.addEventListener('change', () => {
    granted.querySelector('[name="principal"]').setAttribute('list', lists[kind.value]);
  });
  return onSubmit(granted, async values => {
    const row = await api.put(permissionPath(share, values.kind, values.principal || ''), {level: values.level});
    ctx.say(`${row.kind} ${row.principal} has ${row.level} on ${share.name}.`);
    ctx.rerender({share: share.name});
  });
}

async function revoke(ctx, share, row) {
  await api.del(permissionPath(share, `${row.kind}s`, row.principal));
  ctx.say(`Permission of ${row.kind} ${row.principal} on ${share.name} removed.`);
  ctx.rerender({share: share.name});
}

function sharePanel(ctx, share, lists, close) {
  const mayChange = ctx.may('admin', 'operator');
  const rows = share.permissions.map(row => [row.kind, row.principal, row.level, mayChange
    ? h('button', {type: 'button', class: 'danger', 'aria-label': `Remove ${row.kind} ${row.principal}`,
      on: {click: () => revoke(ctx, share, row).catch(ctx.fail)}}, 'Remove') : '']);
  return h('div', {class: 'card'},
    h('h2', null, `Share ${share.name}`),
    h('p', null, `NFS export ${share.exportPath}, SMB share ${share.name}, blocks in store ${share.store}.`),
    mayChange ? optionsForm(ctx, share, lists.storeNames, close) : null,
    h('h3', null, 'Permissions'),
    table(`Permissions on ${share.name}`, ['Kind', 'Name', 'Level', ''], rows,
      'No permission rows: every authenticated account may use this share.'),
    mayChange ? grantForm(ctx, share, lists) : null);
}

async function remove(ctx, share) {
  if (!window.confirm(`Delete share ${share.name}? Only an empty share can be deleted.`)) return;
  await api.del(`shares/${segment(share.name)}`);
  ctx.say(`Share ${share.name} deleted.`);
  ctx.rerender();
}

function shareRows(ctx, shares, open) {
  return shares.map(share => [share.name, share.exportPath, share.store, yesNo(share.readOnly),
    share.allSquash ? 'all' : share.rootSquash ? 'root' : 'none', list(share.allowedNetworks),
    String(share.permissions.length),
    h('span', {class: 'actions'},
      h('button', {type: 'button', class: 'secondary', 'aria-label': `Open ${share.name}`,
        on: {click: () => open(share)}}, 'Open'),
      ctx.may('admin', 'operator') ? h('button', {type: 'button', class: 'danger',
        'aria-label': `Delete ${share.name}`, on: {click: () => remove(ctx, share).catch(ctx.fail)}}, 'Delete')
        : null)]);
}

export async function render(container, ctx) {
  container.append(heading('Shares'));
  const [shares, users, groups, stores] = await Promise.all([api.get('shares'), api.get('users'),
    api.get('groups'), api.get('stores')]);
  const lists = {users: uid('users'), groups: uid('groups'), storeNames: stores.map(store => store.name)};
  const panel = h('div', {class: 'editor'});
  const open = share => {
    panel.replaceChildren(sharePanel(ctx, share, lists, () => panel.replaceChildren()));
    panel.querySelector('h2').setAttribute('tabindex', '-1');
    panel.querySelector('h2').focus();
  };
  container.append(datalist(lists.users, users.map(user => user.username)),
    datalist(lists.groups, groups.map(group => group.name)));
  if (ctx.may('admin', 'operator')) container.append(h('div', {class: 'card'}, createForm(ctx, lists.storeNames)));
  container.append(panel, section('All shares', table('Shares',
    ['Share', 'NFS export', 'Store', 'Read-only', 'Squash', 'Networks', 'Permissions', ''],
    shareRows(ctx, shares, open),
    'No shares.')));
  const reopened = shares.find(share => share.name === ctx.state.share);
  if (reopened) open(reopened);
}
