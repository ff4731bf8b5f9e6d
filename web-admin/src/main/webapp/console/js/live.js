// The dashboard's live panel: transfers in flight, open connections and the upload queue, redrawn from each frame of
// the activity stream. Screen readers hear only a one-line summary, and only when it changes (how many transfers,
// connections and files waiting), never the bytes that change every second.

import {watchActivity} from './activity.js';
import {fill, h, section, table} from './dom.js';
import {bytes, duration} from './format.js';

const STATES = {
  connecting: () => 'Connecting to the activity stream…',
  live: at => `Live, as of ${new Date(at).toLocaleTimeString()}`,
  waiting: pause => `The activity stream was interrupted: trying again in ${Math.round(pause / 1000)} s.`,
};

function rate(bytesPerSecond) {
  return bytesPerSecond > 0 ? `${bytes(bytesPerSecond)}/s` : '—';
}

function percent(part, whole) {
  return whole > 0 ? `${(100 * part / whole).toFixed(1)} %` : '—';
}

// a read's bytes count towards the file's size, so it has a progress; a write's size grows with it, so it has none
function done(transfer) {
  if (transfer.direction !== 'read' || transfer.fileSize <= 0) return bytes(transfer.bytesDone);
  const shown = Math.min(transfer.bytesDone, transfer.fileSize);
  return h('span', {class: 'transfer-done'},
    `${bytes(transfer.bytesDone)} of ${bytes(transfer.fileSize)}`,
    h('progress', {max: transfer.fileSize, value: shown,
      'aria-label': `${transfer.path}: ${percent(shown, transfer.fileSize)} read`}));
}

function transfersTable(transfers) {
  return table('Transfers in flight',
    ['Protocol', 'Client', 'Share', 'Path', 'Direction', 'Done', 'Rate', 'Time left'],
    transfers.map(transfer => [
      transfer.protocol.toUpperCase(), transfer.client, transfer.share || '—', h('code', null, transfer.path),
      transfer.direction, done(transfer), rate(transfer.bytesPerSecond),
      transfer.secondsLeft >= 0 ? duration(transfer.secondsLeft) : '—',
    ]), 'No transfers in flight.');
}

function connectionsList(connections) {
  return h('dl', {class: 'facts'},
    h('dt', null, 'NFS connections'), h('dd', null, String(connections.nfs ?? 0)),
    h('dt', null, 'SMB connections'), h('dd', null, String(connections.smb ?? 0)));
}

function uploadList(upload) {
  const used = Math.min(upload.journalUsedBytes, upload.journalCapacityBytes);
  return h('dl', {class: 'facts'},
    h('dt', null, 'Files waiting'), h('dd', null, `${upload.filesPending} (${upload.blocksPending} blocks)`),
    h('dt', null, 'Journal'), h('dd', {class: 'journal'},
      h('meter', {min: 0, max: Math.max(1, upload.journalCapacityBytes), value: used, 'aria-label': 'Journal fill'}),
      `${bytes(upload.journalUsedBytes)} of ${bytes(upload.journalCapacityBytes)} `
        + `(${percent(upload.journalUsedBytes, upload.journalCapacityBytes)})`),
    h('dt', null, 'Upload rate'), h('dd', null, rate(upload.bytesPerSecond)),
    h('dt', null, 'Uploaded'), h('dd', null, `${upload.blocksPut} blocks, ${bytes(upload.bytesPut)}; `
      + `${upload.blocksDeduplicated} already stored`),
    h('dt', null, 'Last upload'), h('dd', null,
      upload.lastUploadMillis > 0 ? new Date(upload.lastUploadMillis).toLocaleString() : 'none since start'));
}

function counted(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

function summary(frame) {
  const connections = frame.connections || {};
  return `${counted(frame.transfers.length, 'transfer', 'transfers')} in flight; ${connections.nfs ?? 0} NFS and `
    + `${connections.smb ?? 0} SMB connections; ${counted(frame.upload.filesPending, 'file', 'files')} waiting `
    + 'to upload.';
}

/**
 * The panel, streaming until stop() (or until the login ends); {element, stop}. onFrame, if given, also gets each
 * frame, so that other parts of the page (the dashboard's connected clients) follow the same stream.
 */
export function livePanel(onFrame) {
  const spoken = h('p', {class: 'live-summary', role: 'status'});
  const body = h('div', {class: 'live-body'});
  const watcher = followActivity(frame => {
    const said = summary(frame);
    if (spoken.textContent !== said) spoken.textContent = said;
    fill(body, transfersTable(frame.transfers), h('div', {class: 'live-figures'},
      h('div', null, h('h3', null, 'Connections'), connectionsList(frame.connections || {})),
      h('div', null, h('h3', null, 'Upload queue'), uploadList(frame.upload))));
    if (onFrame) onFrame(frame);
  });
  return {element: section('Live activity', watcher.state, spoken, body), stop: watcher.stop};
}

/**
 * The activity stream with a line that says how it is going ('Live, as of …', or when it tries again); each frame
 * goes to onFrame. {state (the line), stop}. For the pages that follow the stream without the panel (Adapters).
 */
export function followActivity(onFrame) {
  const state = h('p', {class: 'hint live-state'}, STATES.connecting());
  const watcher = watchActivity({
    onState: (name, detail) => {
      if (name !== 'live') state.textContent = STATES[name](detail);
    },
    onFrame: frame => {
      state.textContent = STATES.live(frame.at);
      onFrame(frame);
    },
  });
  return {state, stop: watcher.stop};
}
