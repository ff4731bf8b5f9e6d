// Block stores: every role sees them; admins add, change and delete filesystem stores. The default store is the one
// the settings choose when the server starts (CISTERN_STORE, CISTERN_S3_*), shown read-only. Credentials are never
// shown: whether they are set, and the access key id masked.

import {api, segment} from '../api.js';
import {field, h, heading, section, table} from '../dom.js';
import {form, onSubmit} from '../forms.js';
import {bytes, dateTime, list} from '../format.js';

export const title = 'Stores';

function facts(store) {
  const rows = store.kind === 's3'
    ? [['Endpoint', store.endpoint || 'AWS'], ['Bucket', store.bucket], ['Prefix', store.prefix || '(none)'],
      ['Region', store.region], ['Addressing', store.pathStyle ? 'path-style' : 'virtual-host'],
      ['Credentials', store.credentials], ['Access key id', store.accessKey || '—'], ['Secret key', 'never shown']]
    : [['Directory', h('code', null, store.directory || '—')]];
  const origin = store.readOnly ? 'the environment (CISTERN_STORE, CISTERN_S3_*), at start' : 'an administrator';
  return h('dl', {class: 'facts'}, [['Kind', store.kind], ...rows, ['Defined by', origin]].map(([name, value]) =>
    [h('dt', null, name), h('dd', null, value)]));
}

function figures(store) {
  const statistics = store.statistics;
  if (!statistics) {
    return h('p', {class: 'empty'}, store.readOnly ? 'No figures yet: the statistics job (stats) has not run.'
      : 'The statistics job measures the default store only.');
  }
  return table('Store figures', ['Physical', 'Blocks', 'Referenced', 'Computed'], [[bytes(statistics.physicalBytes),
    String(statistics.blocks), `${bytes(statistics.referencedBytes)} in ${statistics.referencedBlocks} blocks`,
    dateTime(statistics.computedAt)]], '');
}

function createForm(ctx) {
  const created = form('New filesystem store', [
    field({label: 'Store name', name: 'name', required: true, hint: 'letters, digits, ".", "_" or "-"'}),
    field({label: 'Kind', name: 'kind', options: ['filesystem'], value: 'filesystem',
      hint: 'S3 stores besides the default one are not built yet'}),
    field({label: 'Directory', name: 'directory', required: true,
      hint: 'absolute; made if missing; apart from every other store\'s directory'}),
  ], 'Add store');
  return onSubmit(created, async values => {
    const store = await api.post('stores', values);
    ctx.say(`Store ${store.name} added (${store.directory}).`);
    ctx.rerender();
  });
}

function editForm(ctx, store) {
  const changed = form(`Change ${store.name}`, [
    field({label: 'Store name', name: 'name', value: store.name, required: true}),
    field({label: 'Directory', name: 'directory', value: store.directory, required: true,
      hint: 'changes only while the store holds no block'}),
  ], 'Save store', h('button', {type: 'button', class: 'danger', 'aria-label': `Delete store ${store.name}`,
    on: {click: () => remove(ctx, store).catch(ctx.fail)}}, 'Delete'));
  return onSubmit(changed, async values => {
    const change = {};
    if (values.name && values.name !== store.name) change.name = values.name;
    if (values.directory && values.directory !== store.directory) change.directory = values.directory;
    if (Object.keys(change).length === 0) return;
    const saved = await api.put(`stores/${segment(store.name)}`, change);
    ctx.say(`Store ${saved.name} saved.`);
    ctx.rerender();
  });
}

async function remove(ctx, store) {
  if (!window.confirm(`Delete store ${store.name}? Only a store no share uses and no file needs can be deleted.`)) {
    return;
  }
  await api.del(`stores/${segment(store.name)}`);
  ctx.say(`Store ${store.name} deleted.`);
  ctx.rerender();
}

export async function render(container, ctx) {
  container.append(heading('Stores'));
  const stores = await api.get('stores');
  const admin = ctx.may('admin');
  if (admin) container.append(h('div', {class: 'card'}, createForm(ctx)));
  for (const store of stores) {
    container.append(section(`Store ${store.name} (${store.kind})`, facts(store), figures(store),
      h('h3', null, 'Shares using it'), h('p', null, list(store.shares)),
      admin && !store.readOnly ? editForm(ctx, store) : null));
  }
  container.append(h('p', {class: 'hint'}, 'Each share names its store (Shares page); a share\'s store changes only '
    + 'while the share is empty. The default store cannot be changed while the server runs.'));
}
