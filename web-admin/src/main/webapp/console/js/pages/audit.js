// The audit log, newest first, a page at a time (admins only).

import {api} from '../api.js';
import {h, heading, section} from '../dom.js';
import {dateTime} from '../format.js';

export const title = 'Audit log';
const PAGE = 100;

const HEADERS = ['When', 'Who', 'Action', 'Target', 'Done', 'From', 'Detail'];

function row(entry) {
  return h('tr', {class: entry.success ? null : 'failed'},
    [dateTime(entry.at), entry.actor || '—', entry.action, entry.target || '—', entry.success ? 'yes' : 'no',
      entry.address || '—', entry.detail || ''].map((text, index) => h('td', {'data-label': HEADERS[index]}, text)));
}

export async function render(container, ctx) {
  container.append(heading('Audit log'));
  const body = h('tbody');
  const more = h('button', {type: 'button', class: 'secondary'}, 'Older events');
  let oldest = null;
  const load = async () => {
    const entries = await api.get(`audit?limit=${PAGE}${oldest === null ? '' : `&before=${oldest}`}`);
    entries.forEach(entry => body.append(row(entry)));
    if (entries.length) oldest = entries[entries.length - 1].id;
    more.hidden = entries.length < PAGE;
  };
  more.addEventListener('click', () => load().catch(ctx.fail));
  container.append(section('Events',
    h('div', {class: 'table-wrap'}, h('table', null,
      h('caption', null, 'Audit events, newest first'),
      h('thead', null, h('tr', null, HEADERS.map(text => h('th', {scope: 'col'}, text)))),
      body)),
    more));
  await load();
}
