// The NFS and SMB listeners: whether they are wanted, state, bind address and port, open connections and SMB
// sessions, with a switch for admins; and the clients connected to them. Both follow the activity stream, so that a
// listener switched off or on by anyone shows within a second or two; the first paint is read from the API.

import {api} from '../api.js';
import {h, heading, section} from '../dom.js';
import {liveTables} from '../listeners.js';
import {followActivity} from '../live.js';

export const title = 'Adapters';

export async function render(container, ctx) {
  container.append(heading('Adapters'));
  // streaming before the first answers are awaited, so that leaving the page early still stops it
  const {listeners, clients, show} = liveTables(ctx);
  const live = followActivity(show);
  ctx.onLeave(live.stop);
  const [adapters, connected] = await Promise.all([api.get('adapters'), api.get('clients')]);
  listeners.seed(adapters);
  clients.seed(connected);
  container.append(live.state, section('Protocol listeners', listeners.element,
    h('p', {class: 'hint'}, 'Disabling a listener closes its port and every connection of that protocol (for NFS '
      + 'also the portmapper, NLM and NSM); it stays off across restarts until enabled again.')),
  section('Connected clients', clients.element));
}
