// The block store, read-only: the settings choose it when the server starts, and every share keeps its blocks there.
// Credentials are never shown: whether they are set, and the access key id masked.

import {api} from '../api.js';
import {h, heading, section, table} from '../dom.js';
import {bytes, dateTime, list} from '../format.js';

export const title = 'Stores';

function facts(store) {
  const rows = store.kind === 's3'
    ? [['Endpoint', store.endpoint || 'AWS'], ['Bucket', store.bucket], ['Prefix', store.prefix || '(none)'],
      ['Region', store.region], ['Addressing', store.pathStyle ? 'path-style' : 'virtual-host'],
      ['Credentials', store.credentials], ['Access key id', store.accessKey || '—'], ['Secret key', 'never shown']]
    : [['Directory', h('code', null, store.directory || '—')]];
  return h('dl', {class: 'facts'}, [['Kind', store.kind], ...rows].map(([name, value]) =>
    [h('dt', null, name), h('dd', null, value)]));
}

function figures(statistics) {
  if (!statistics) {
    return h('p', {class: 'empty'}, 'No figures yet: the statistics job (stats) has not run.');
  }
  return table('Store figures', ['Physical', 'Blocks', 'Referenced', 'Computed'], [[bytes(statistics.physicalBytes),
    String(statistics.blocks), `${bytes(statistics.referencedBytes)} in ${statistics.referencedBlocks} blocks`,
    dateTime(statistics.computedAt)]], '');
}

export async function render(container) {
  container.append(heading('Stores'));
  const stores = await api.get('stores');
  for (const store of stores) {
    container.append(section(`Block store: ${store.kind}`, facts(store), figures(store.statistics),
      h('h3', null, 'Shares using it'), h('p', null, list(store.shares))));
  }
  container.append(h('p', {class: 'hint'}, 'The store is chosen by CISTERN_STORE and CISTERN_S3_* when the server '
    + 'starts; it cannot be changed while the server runs.'));
}
