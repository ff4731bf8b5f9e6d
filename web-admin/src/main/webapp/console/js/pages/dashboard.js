// The dashboard: live activity (transfers, connections, upload queue), the server, its listeners (with their switch
// for admins) and the connected clients (both live, from the same stream), storage statistics with the dedup chart,
// and the jobs' schedules. Job progress is on the Jobs page.

import {api} from '../api.js';
import {h, heading, section, table} from '../dom.js';
import {dedupChart} from '../chart.js';
import {liveTables} from '../listeners.js';
import {livePanel} from '../live.js';
import {bytes, dateTime, duration, list, ratio} from '../format.js';

export const title = 'Dashboard';
const CHARTED_SHARES = 10;

function serverSection(status) {
  return section('Server',
    h('dl', {class: 'facts'},
      h('dt', null, 'Version'), h('dd', null, status.version),
      h('dt', null, 'Up for'), h('dd', null, duration(status.uptimeSeconds)),
      h('dt', null, 'Shares'), h('dd', null, list(status.shares))));
}

// full width, outside the grid: both tables have more columns than half the page holds
function listenersSection(listeners) {
  return section('Protocol listeners', listeners.element,
    h('p', {class: 'hint'}, 'Live: a listener switched off or on, here or elsewhere, shows within a second or two.'));
}

function clientsSection(clients) {
  return section('Connected clients', clients.element,
    h('p', {class: 'hint'}, 'Live, as the adapters last reported them (every 2 s when something changed).'));
}

function latest(statistics) {
  const times = [...statistics.shares, ...statistics.stores].map(row => row.computedAt).filter(Boolean).sort();
  return times[times.length - 1];
}

function storageSection(statistics) {
  if (statistics.shares.length === 0 && statistics.stores.length === 0) {
    return section('Storage',
      h('p', {class: 'empty'}, 'No statistics yet: the statistics job (stats) has not run. It runs on its schedule '
        + '(see Schedules).'));
  }
  const largest = [...statistics.shares].sort((a, b) => b.logicalBytes - a.logicalBytes).slice(0, CHARTED_SHARES);
  return section('Storage',
    largest.length ? dedupChart(largest) : null,
    statistics.shares.length > CHARTED_SHARES ? h('p', {class: 'hint'}, `The chart shows the ${CHARTED_SHARES} `
      + 'largest shares; the table lists them all.') : null,
    table('Shares', ['Share', 'Logical', 'Unique', 'Dedup', 'Files', 'Blocks'],
      statistics.shares.map(share => [share.share, bytes(share.logicalBytes), bytes(share.uniqueBytes),
        ratio(share.dedupRatio), String(share.files), String(share.blocks)]),
      'No share figures yet.'),
    table('Block stores', ['Store', 'Logical', 'Unique', 'Dedup', 'Files', 'Physical', 'Objects'],
      statistics.stores.map(store => [h('span', null, store.store, h('small', {class: 'hint'}, store.location)),
        bytes(store.logicalBytes), `${bytes(store.referencedBytes)} in ${store.referencedBlocks} blocks`,
        `${store.dedupRatio.toFixed(2)}×`, String(store.files), bytes(store.physicalBytes), String(store.blocks)]),
      'No store figures yet.'),
    h('p', {class: 'hint'}, `Computed ${dateTime(latest(statistics))} by the statistics job.`));
}

function schedulesSection(schedules) {
  return section('Jobs',
    table('Job schedules', ['Job', 'Schedule', 'Next run', 'Last fired', 'Outcome'], schedules.map(job => [
      job.job, h('code', null, job.schedule), dateTime(job.nextRun), dateTime(job.lastFiredAt),
      job.lastOutcome || '—',
    ]), 'No jobs are scheduled.'),
    h('p', {class: 'hint'}, h('a', {href: '#/jobs'}, 'Jobs'), ': progress, starting and stopping.'));
}

export async function render(container, ctx) {
  container.append(heading('Dashboard'));
  // started before the other answers are awaited, so that leaving the page early still stops it; the listeners and
  // clients exist from the start too, so that no frame finds them missing
  const {listeners, clients, show} = liveTables(ctx);
  const live = livePanel(show);
  ctx.onLeave(live.stop);
  container.append(live.element);
  const [status, adapters, statistics, schedules] = await Promise.all([
    api.get('status'), api.get('adapters'), api.get('statistics'), api.get('schedules')]);
  listeners.seed(adapters);
  container.append(listenersSection(listeners), clientsSection(clients),
    h('div', {class: 'grid'}, serverSection(status), storageSection(statistics), schedulesSection(schedules)));
  if (ctx.may('viewer')) container.append(h('p', {class: 'hint'}, 'You have read-only access.'));
}
