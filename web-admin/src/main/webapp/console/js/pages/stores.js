// Block stores: every role sees them; admins add, change and delete filesystem and S3 stores. The default store is
// the one the settings choose when the server starts (CISTERN_STORE, CISTERN_S3_*), shown read-only. Credentials are
// never shown: whether they are set, and the access key id masked; the secret key field is write-only (always empty).

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
    return h('p', {class: 'empty'}, 'No figures yet: the statistics job (stats) has not run since the store was added.');
  }
  return table('Store figures', ['Logical', 'Unique', 'Dedup', 'Files', 'Physical', 'Objects', 'Computed'],
    [[bytes(statistics.logicalBytes), `${bytes(statistics.referencedBytes)} in ${statistics.referencedBlocks} blocks`,
      `${statistics.dedupRatio.toFixed(2)}×`, String(statistics.files), bytes(statistics.physicalBytes),
      String(statistics.blocks), dateTime(statistics.computedAt)]], '');
}

const S3_NAMES = ['endpoint', 'bucket', 'prefix', 'region', 'pathStyle', 'accessKey', 'secretKey'];

function s3Fields(store) {
  return [
    field({label: 'Endpoint', name: 'endpoint', value: store?.endpoint,
      hint: 'S3: http or https URI of an S3-compatible server; empty for AWS'}),
    field({label: 'Bucket', name: 'bucket', value: store?.bucket, hint: 'S3: must exist; listed with the keys first'}),
    field({label: 'Prefix', name: 'prefix', value: store?.prefix, hint: 'S3: put before every key, e.g. cistern/'}),
    field({label: 'Region', name: 'region', value: store?.region, hint: 'S3: us-east-1 when empty'}),
    field({label: 'Path-style addressing', name: 'pathStyle', type: 'checkbox', value: store ? store.pathStyle : true}),
    field({label: 'Access key id', name: 'accessKey', hint: store
      ? `S3: now ${store.accessKey || 'unset'}; empty keeps it` : 'S3: with the secret key; both empty: the default chain'}),
    field({label: 'Secret key', name: 'secretKey', type: 'password', autocomplete: 'new-password',
      hint: 'S3: write-only, never shown; empty keeps it'}),
  ];
}

/** The body for the store's kind: a filesystem store's directory, or an S3 store's fields. */
function bodyOf(values, kind) {
  const body = {name: values.name};
  if (kind === 's3') {
    for (const name of S3_NAMES) if (values[name] !== undefined) body[name] = values[name];
  } else {
    body.directory = values.directory;
  }
  return body;
}

function createForm(ctx) {
  const created = form('New store', [
    field({label: 'Store name', name: 'name', required: true, hint: 'letters, digits, ".", "_" or "-"'}),
    field({label: 'Kind', name: 'kind', options: ['filesystem', 's3'], value: 'filesystem'}),
    field({label: 'Directory', name: 'directory',
      hint: 'filesystem: absolute; made if missing; apart from every other store\'s directory'}),
    ...s3Fields(null),
  ], 'Add store');
  return onSubmit(created, async values => {
    const store = await api.post('stores', {kind: values.kind, ...bodyOf(values, values.kind)});
    ctx.say(`Store ${store.name} added (${store.kind === 's3' ? `s3://${store.bucket}/${store.prefix}`
      : store.directory}).`);
    ctx.rerender();
  });
}

function editForm(ctx, store) {
  const fields = store.kind === 's3' ? s3Fields(store)
    : [field({label: 'Directory', name: 'directory', value: store.directory, required: true,
      hint: 'changes only while the store holds no block'})];
  const changed = form(`Change ${store.name}`, [
    field({label: 'Store name', name: 'name', value: store.name, required: true}), ...fields,
  ], 'Save store', h('button', {type: 'button', class: 'danger', 'aria-label': `Delete store ${store.name}`,
    on: {click: () => remove(ctx, store).catch(ctx.fail)}}, 'Delete'));
  return onSubmit(changed, async values => {
    const change = {};
    for (const [name, value] of Object.entries(bodyOf(values, store.kind))) {
      if (value !== undefined && value !== store[name]) change[name] = value;
    }
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
