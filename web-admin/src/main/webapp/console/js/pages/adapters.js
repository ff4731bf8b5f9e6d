// The NFS and SMB listeners: whether they are wanted, state, bind address and port, open connections and SMB
// sessions, with a switch for admins; and the clients connected to them.

import {api} from '../api.js';
import {h, heading, section} from '../dom.js';
import {clientsTable, listenersTable} from '../listeners.js';

export const title = 'Adapters';

export async function render(container, ctx) {
  container.append(heading('Adapters'));
  const [adapters, clients] = await Promise.all([api.get('adapters'), api.get('clients')]);
  container.append(section('Protocol listeners', listenersTable(ctx, adapters),
    h('p', {class: 'hint'}, 'Disabling a listener closes its port and every connection of that protocol (for NFS '
      + 'also the portmapper, NLM and NSM); it stays off across restarts until enabled again. The live connection '
      + 'counts are on the dashboard.')),
  section('Connected clients', clientsTable(clients)));
}
