// The NFS and SMB listeners with their switch, and the clients connected to them: shown on the dashboard and on the
// Adapters page, both kept live from the activity stream (whose frames carry the same lists as GET adapters and GET
// clients). Admins switch a listener off and on (after a confirmation); everyone else sees the state only.

import {api, segment} from './api.js';
import {fill, h, table} from './dom.js';
import {dateTime, list} from './format.js';

function count(value) {
  return value === null || value === undefined ? '—' : String(value);
}

async function toggle(ctx, adapter, onSwitched) {
  const protocol = adapter.protocol;
  const question = adapter.enabled
    ? `Disable ${protocol}? New ${protocol} connections are refused and the ${adapter.connections} open ones are `
      + 'closed' + (protocol === 'NFS' ? ' (the portmapper, NLM and NSM close too)' : '') + '. It stays off across '
      + 'restarts until it is enabled again.'
    : `Enable ${protocol}? It listens again on ${adapter.address || 'its address'}:${count(adapter.port)}.`;
  if (!window.confirm(question)) return;
  const changed = await api.put(`adapters/${segment(protocol.toLowerCase())}`, {enabled: !adapter.enabled});
  ctx.say(`${protocol} ${changed.enabled ? 'enabled' : 'disabled'}: the listener follows within a second.`);
  onSwitched(changed);
}

function switchButton(ctx, adapter, onSwitched) {
  if (!ctx.may('admin')) return adapter.enabled ? 'on' : 'off';
  return h('button', {type: 'button', class: adapter.enabled ? 'danger' : 'secondary',
    'aria-label': `${adapter.enabled ? 'Disable' : 'Enable'} ${adapter.protocol}`,
    on: {click: () => toggle(ctx, adapter, onSwitched).catch(ctx.fail)}}, adapter.enabled ? 'Disable' : 'Enable');
}

/** The listeners of GET adapters, with a switch for admins; onSwitched gets the listener a switch answered. */
function listenersTable(ctx, adapters, onSwitched) {
  return table('Protocol listeners', ['Protocol', 'State', 'Address', 'Port', 'Since', 'Connections', 'Sessions',
    'Switch'], adapters.map(adapter => [
    adapter.protocol,
    h('span', {class: adapter.listening ? 'state ok' : 'state bad'}, adapter.state),
    adapter.address || '—',
    count(adapter.port),
    dateTime(adapter.since),
    String(adapter.connections),
    count(adapter.sessions),
    switchButton(ctx, adapter, onSwitched),
  ]), 'No listener has reported yet.');
}

function identity(client) {
  if (client.protocol === 'SMB') return client.users.length ? list(client.users) : 'not logged on';
  if (client.uid === null || client.uid === undefined) return 'no AUTH_SYS call yet';
  return `uid ${client.uid} on ${client.machineName || '?'}`;
}

/** The connections of GET clients, one row each. */
function clientsTable(clients) {
  return table('Connected clients', ['Protocol', 'Client', 'Since', 'Who', 'Shares or exports'],
    clients.map(client => [
      client.protocol,
      `${client.address}:${client.port}`,
      dateTime(client.since),
      identity(client),
      list(client.protocol === 'SMB' ? client.shares : client.exports),
    ]), 'No client is connected.');
}

/**
 * A part of a page that shows the newest of a list, redrawn only when the list changed, so that a screen reader or a
 * selection in it is not disturbed every second; {element, show(list), seed(list)}. seed is for the answer read when
 * the page is shown, which a frame that came first has overtaken.
 */
function changingView(draw, waitingText) {
  const element = h('div', {class: 'live-list'}, h('p', {class: 'hint'}, waitingText));
  let shown = null;
  const show = items => {
    const now = JSON.stringify(items);
    if (now === shown) return;
    shown = now;
    fill(element, draw(items));
  };
  return {element, show, seed: items => shown === null && show(items)};
}

/** The listeners' table, live: show() gets each frame's listeners; a switch's answer shows at once. */
function liveListeners(ctx) {
  let current = [];
  const view = changingView(adapters => {
    current = adapters;
    return listenersTable(ctx, adapters, changed =>
      view.show(current.map(adapter => (adapter.protocol === changed.protocol ? changed : adapter))));
  }, 'Waiting for the listeners…');
  return view;
}

/** The connected clients' table, live: show() gets each frame's clients. */
function liveClients() {
  return changingView(clientsTable, 'Waiting for the activity stream…');
}

/**
 * Both tables, live, as the dashboard and the Adapters page show them: {listeners, clients (each with element and
 * seed), show(frame)}, show taking each frame of the activity stream.
 */
export function liveTables(ctx) {
  const listeners = liveListeners(ctx);
  const clients = liveClients();
  const show = frame => {
    listeners.show(frame.listeners || []);
    clients.show(frame.clients || []);
  };
  return {listeners, clients, show};
}
