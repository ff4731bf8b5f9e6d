// Schedules of the maintenance jobs (stats, gc, audit); admins and operators change them. Starting and stopping jobs
// by hand, and their progress, are on the Jobs page.

import {api, segment} from '../api.js';
import {h, heading, section, table} from '../dom.js';
import {errorArea, onSubmit} from '../forms.js';
import {dateTime} from '../format.js';

export const title = 'Schedules';

function scheduleForm(ctx, job) {
  const id = `schedule-${job.job}`;
  const changed = h('form', {class: 'inline-form', novalidate: true},
    h('label', {for: id, class: 'visually-hidden'}, `Schedule of ${job.job}`),
    h('input', {id, name: 'schedule', value: job.schedule, autocomplete: 'off', spellcheck: 'false'}),
    h('button', {type: 'submit', 'aria-label': `Save the schedule of ${job.job}`}, 'Save'),
    errorArea());
  return onSubmit(changed, async values => {
    const saved = await api.put(`schedules/${segment(job.job)}`, {schedule: values.schedule || ''});
    ctx.say(`Schedule of ${saved.job} set to ${saved.schedule}; next run ${dateTime(saved.nextRun)}.`);
    ctx.rerender();
  });
}

export async function render(container, ctx) {
  container.append(heading('Schedules'));
  const schedules = await api.get('schedules');
  const mayChange = ctx.may('admin', 'operator');
  const rows = schedules.map(job => [
    job.job,
    mayChange ? scheduleForm(ctx, job) : h('code', null, job.schedule),
    h('code', null, job.defaultSchedule),
    dateTime(job.nextRun),
    dateTime(job.lastFiredAt),
    job.lastOutcome || '—',
    `${job.fires} (${job.skipped} skipped)`,
    job.changedAt ? `${dateTime(job.changedAt)} by ${job.changedBy}` : 'never (default)',
  ]);
  container.append(section('Job schedules',
    table('Schedules', ['Job', 'Schedule', 'Default', 'Next run', 'Last fired', 'Outcome', 'Fires', 'Changed'],
      rows, 'No jobs.'),
    h('p', {class: 'hint'}, '“off”, or cron fields “minute hour day-of-month month day-of-week” in server time, '
      + 'e.g. “0 3 * * *”; a sixth field in front gives the second.'),
    h('p', {class: 'hint'}, 'Jobs are started and stopped by hand, and followed, on the Jobs page.')));
}
