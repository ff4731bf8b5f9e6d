// The batch jobs: the catalog with Start (admins and operators), the executions running now with a progress bar per
// step and Stop, the recent executions of every job with Restart for a failed or stopped one (admins and operators),
// and what the newest audit found. While anything runs the page asks the jobs API again every two seconds, so that
// bars move and a finished run shows its end; the polling stops when nothing runs or the page is left.

import {api, segment} from '../api.js';
import {ApiError} from '../http.js';
import {fill, h, heading, section, table} from '../dom.js';
import {clearError, errorArea, showError} from '../forms.js';
import {dateTime} from '../format.js';

export const title = 'Jobs';
const POLL_MILLIS = 2000;
const HISTORY_PER_JOB = 10;
const HISTORY_SHOWN = 25;
const FINDINGS_SHOWN = 50;
// what the API restarts: the newest execution of a job started by hand, when it ended without completing
const RESTARTABLE = ['FAILED', 'STOPPED'];

/**
 * A bar for one step: full once it ended well, items done of the total where the job knows the total beforehand,
 * and moving without a value (the browser's indeterminate bar) while the total is unknown.
 */
function stepBar(execution, step) {
  const progress = execution.progress;
  const label = `${execution.job} execution ${execution.id}: step ${step.name}`;
  const current = progress && progress.step === step.name;
  if (step.status === 'COMPLETED') {
    return barWithText(h('progress', {max: 1, value: 1, 'aria-label': `${label}, done`}),
      step.itemsDone ? `${step.itemsDone} items` : 'done');
  }
  if (current && progress.itemsTotal) {
    const done = Math.min(progress.itemsDone, progress.itemsTotal);
    return barWithText(h('progress', {max: progress.itemsTotal, value: done, 'aria-label': label}),
      `${done} of ${progress.itemsTotal}`);
  }
  if (step.status === 'STARTED' || step.status === 'STARTING') {
    return barWithText(h('progress', {'aria-label': label}), `${current ? progress.itemsDone : step.itemsDone} items`);
  }
  return barWithText(h('progress', {max: 1, value: 0, 'aria-label': `${label}, ${step.status.toLowerCase()}`}),
    `${step.itemsDone} items, ${step.status}`);
}

function barWithText(bar, text) {
  return h('span', {class: 'step-bar'}, bar, h('small', null, text));
}

function stepsCell(execution) {
  if (!execution.steps || execution.steps.length === 0) return '—';
  return h('ul', {class: 'steps'}, execution.steps.map(step =>
    h('li', null, h('span', {class: 'step-name'}, step.name), stepBar(execution, step))));
}

function statusBadge(status) {
  const tone = status === 'COMPLETED' ? 'ok' : ['FAILED', 'ABANDONED'].includes(status) ? 'bad' : '';
  return h('span', {class: `state ${tone}`.trim()}, status);
}

function actionButton(ctx, label, accessible, action, done) {
  const button = h('button', {type: 'button', class: 'secondary', 'aria-label': accessible}, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    ctx.clearFailure();
    try {
      const answer = await action();
      ctx.say(done(answer));
      await ctx.refresh();
    } catch (error) {
      ctx.fail(error);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function startButton(ctx, job) {
  return actionButton(ctx, 'Start', `Start ${job.name}`,
    () => api.post(`jobs/${segment(job.name)}/executions`, {}),
    started => `${job.name} started: execution ${started.id}.`);
}

function stopButton(ctx, execution) {
  return actionButton(ctx, 'Stop', `Stop ${execution.job} execution ${execution.id}`,
    () => api.post(`jobs/${segment(execution.job)}/executions/${execution.id}/stop`, {}),
    () => `${execution.job} execution ${execution.id} is stopping.`);
}

// the API's refusal (409 when it runs again or is no longer the newest) says why; this says what was refused
function restartButton(ctx, execution) {
  const name = `${execution.job} execution ${execution.id}`;
  return actionButton(ctx, 'Restart', `Restart ${name}`,
    () => api.post(`jobs/${segment(execution.job)}/executions/${execution.id}/restart`, {}).catch(error => {
      if (!(error instanceof ApiError)) throw error;
      throw new ApiError(error.status, error.code, `${name} was not restarted: ${error.message}`, error.field);
    }),
    restarted => `${name} restarted: execution ${restarted.id}.`);
}

function catalogSection(ctx, jobs) {
  const mayRun = ctx.may('admin', 'operator');
  const headers = ['Job', 'What it does', 'Now', 'Last run'];
  if (mayRun) headers.push('Actions');
  const rows = jobs.map(job => {
    const last = job.lastExecution;
    const cells = [job.name, job.description,
      job.runningExecution ? `running (execution ${job.runningExecution})` : 'idle',
      last ? h('span', null, statusBadge(last.status), ` ${dateTime(last.endedAt || last.startedAt)}`) : 'never'];
    if (mayRun) {
      cells.push(job.startable ? startButton(ctx, job) : h('small', {class: 'hint'}, 'started by the server'));
    }
    return cells;
  });
  return section('Job catalog', table('Jobs', headers, rows, 'No jobs.'),
    mayRun ? null : h('p', {class: 'hint'},
      'You have read-only access: admins and operators start, stop and restart jobs.'));
}

function runningSection(ctx, running) {
  const mayRun = ctx.may('admin', 'operator');
  const headers = ['Execution', 'Job', 'Status', 'Started', 'Steps'];
  if (mayRun) headers.push('Actions');
  const rows = running.map(execution => {
    const cells = [String(execution.id), execution.job, statusBadge(execution.status),
      dateTime(execution.startedAt), stepsCell(execution)];
    if (mayRun) cells.push(execution.status === 'STOPPING' ? 'stopping…' : stopButton(ctx, execution));
    return cells;
  });
  return section('Running now', table('Running executions', headers, rows, 'Nothing is running.'));
}

function historySection(ctx, executions, restartable) {
  const mayRun = ctx.may('admin', 'operator');
  const headers = ['Execution', 'Job', 'Status', 'Started', 'Ended', 'Exit status', 'Steps'];
  if (mayRun) headers.push('Actions');
  const rows = executions.map(execution => {
    const cells = [String(execution.id), execution.job, statusBadge(execution.status),
      dateTime(execution.startedAt), dateTime(execution.endedAt), execution.exitStatus || '—', stepsCell(execution)];
    if (mayRun) cells.push(restartable.has(execution.id) ? restartButton(ctx, execution) : '');
    return cells;
  });
  return section('Recent executions', table('Recent executions, newest first', headers, rows, 'No job has run yet.'),
    mayRun ? h('p', {class: 'hint'}, 'Restart resumes a failed or stopped execution from its last checkpoint, with '
      + 'its parameters; only the newest execution of a job can be restarted.') : null);
}

/** The executions the API would restart: each startable job's newest, when it failed or was stopped. */
function restartableOf(jobs, histories) {
  return new Set(jobs.map((job, index) => (job.startable ? histories[index][0] : undefined))
    .filter(newest => newest && RESTARTABLE.includes(newest.status)).map(newest => newest.id));
}

function findingsSection(findings) {
  return section('Audit findings',
    table(`What the newest audit found (first ${FINDINGS_SHOWN})`,
      ['Kind', 'Block', 'Repaired', 'Found', 'Detail', 'Files'],
      findings.map(finding => [finding.kind, h('code', null, finding.block.slice(0, 16) + '…'),
        finding.repaired ? 'yes' : 'no', dateTime(finding.foundAt), finding.detail || '—',
        finding.paths.length ? h('ul', {class: 'paths'}, finding.paths.map(path => h('li', null, h('code', null, path))))
          : '—']),
      'The newest audit found nothing (or no audit has run).'),
    h('p', {class: 'hint'}, 'All findings, a page at a time: GET /api/v1/jobs/audit/findings.'));
}

async function load() {
  const jobs = await api.get('jobs');
  const histories = await Promise.all(jobs.map(job =>
    api.get(`jobs/${segment(job.name)}/executions?limit=${HISTORY_PER_JOB}`)));
  const executions = histories.flat().sort((a, b) => b.id - a.id);
  const running = executions.filter(execution => ['STARTING', 'STARTED', 'STOPPING'].includes(execution.status));
  const findings = await api.get(`jobs/audit/findings?limit=${FINDINGS_SHOWN}`).catch(error => {
    if (error.status === 404) return []; // no audit has run
    throw error;
  });
  return {jobs, executions: executions.slice(0, HISTORY_SHOWN), running, findings,
    restartable: restartableOf(jobs, histories)};
}

export async function render(container, ctx) {
  container.append(heading('Jobs'));
  const body = h('div', {class: 'jobs-body'});
  const refreshed = h('p', {class: 'hint', 'aria-live': 'off'});
  // outside the body, which every refresh redraws: an action's error stays until the next action
  const failure = h('div', {class: 'jobs-failure'}, errorArea());
  container.append(refreshed, failure, body);
  let timer = null;
  let left = false;
  ctx.onLeave(() => {
    left = true;
    clearTimeout(timer);
  });
  const page = {...ctx};
  page.refresh = async () => {
    clearTimeout(timer);
    const state = await load();
    if (left) return;
    fill(body, catalogSection(page, state.jobs), runningSection(page, state.running),
      historySection(page, state.executions, state.restartable), findingsSection(state.findings));
    const busy = state.jobs.some(job => job.runningExecution);
    refreshed.textContent = `As of ${new Date().toLocaleTimeString()}${busy ? '; refreshing while jobs run.' : '.'}`;
    if (busy) timer = setTimeout(poll, POLL_MILLIS);
  };
  page.fail = error => showError(failure, error);
  page.clearFailure = () => clearError(failure);
  const poll = () => page.refresh().catch(page.fail);
  await page.refresh();
}
