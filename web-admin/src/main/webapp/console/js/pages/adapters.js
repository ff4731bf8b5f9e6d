// The NFS and SMB listeners: state, bind address and port, open connections. Read-only: a listener starts and stops
// with its resource adapter, not from the console.

import {api} from '../api.js';
import {h, heading, section, table} from '../dom.js';
import {dateTime} from '../format.js';

export const title = 'Adapters';

export async function render(container) {
  container.append(heading('Adapters'));
  const adapters = await api.get('adapters');
  container.append(section('Protocol listeners',
    table('Adapters', ['Protocol', 'State', 'Address', 'Port', 'Since', 'Connections'], adapters.map(adapter => [
      adapter.protocol,
      h('span', {class: adapter.listening ? 'state ok' : 'state bad'}, adapter.state),
      adapter.address || '—',
      adapter.port === null || adapter.port === undefined ? '—' : String(adapter.port),
      dateTime(adapter.since),
      String(adapter.connections),
    ]), 'No listener has reported yet.'),
    h('p', {class: 'hint'}, 'SMB sessions are not reported apart from connections. The live connection counts are '
      + 'on the dashboard.')));
}
