// Drives Cistern's web console in headless Debian Chromium, as an administrator would: a wrong password, login,
// the dashboard's live activity, a user, a group with that user as member, a share with a permission for the group,
// a job started and one restarted, listeners switched off and on through the API while the pages show them, the
// other pages, a reload, a narrow screen and logout. Prints "ok - <step>" per step and "created: {...}" with the
// names it made; exits 1 at the first failing step (after a screenshot of it). Any Content-Security-Policy
// violation or script error fails it.
//
// Environment: CISTERN_URL (http://127.0.0.1:port), CISTERN_ADMIN_PASSWORD, SCREENSHOT_DIR, E2E_SUFFIX (makes the
// names unique), E2E_DEDUP_SHARE (optional: a share with repeated blocks, whose dedup the dashboard must chart),
// E2E_LIVE_FILE and E2E_LIVE_TRIGGER (optional: a file the test copies into E2E_DEDUP_SHARE over SMB once this script
// creates the trigger file, whose copy and
// its SMB connection the dashboard must show live), CHROMIUM_PATH (default /usr/bin/chromium).
// Run by ConsoleBrowserIT.

import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {check, launchChromium, NARROW, newContext, required, stepper, watchProblems, WIDE} from './harness.mjs';

const base = required('CISTERN_URL');
const adminPassword = required('CISTERN_ADMIN_PASSWORD');
const shots = required('SCREENSHOT_DIR');
const suffix = process.env.E2E_SUFFIX || Date.now().toString(36);
// a share holding a file with repeated blocks, whose dedup the dashboard must show (optional)
const dedupShare = process.env.E2E_DEDUP_SHARE;
const liveFile = process.env.E2E_LIVE_FILE;
const liveTrigger = process.env.E2E_LIVE_TRIGGER;
const names = {user: `e2e-user-${suffix}`, group: `e2e-group-${suffix}`, share: `e2e-share-${suffix}`};

const problems = {csp: [], scripts: []};
// the activity streams the page has open: the dashboard must hold one at most, and none once it is left
const streams = {open: 0, most: 0};
let page;
const {step, count: stepCount} = stepper(shots, () => page);

/** The form whose fieldset has this legend. */
function form(legend) {
  return page.locator('form').filter({has: page.getByRole('group', {name: legend, exact: true})});
}

function tableRow(tableName, text) {
  return page.getByRole('table', {name: tableName, exact: true}).getByRole('row').filter({hasText: text});
}

/** The page on show loaded again, as a new document. */
async function reloadPage(title) {
  await page.reload();
  await page.getByRole('heading', {level: 1, name: title, exact: true}).waitFor();
  await page.locator('main[aria-busy="false"]').waitFor();
}

async function go(link) {
  await page.getByRole('navigation', {name: 'Sections'}).getByRole('link', {name: link, exact: true}).click();
  await page.getByRole('heading', {level: 1, name: link, exact: true}).waitFor();
  await page.locator('main[aria-busy="false"]').waitFor();
}

async function alertOf(locator) {
  const alert = locator.getByRole('alert');
  await alert.waitFor();
  return alert.textContent();
}

async function screenshot(name) {
  await page.screenshot({path: join(shots, `${name}.png`), fullPage: true});
}

function watch(target) {
  watchProblems(target, problems);
  const isStream = request => new URL(request.url()).pathname === '/api/v1/events';
  target.on('request', request => {
    if (!isStream(request)) return;
    streams.open += 1;
    streams.most = Math.max(streams.most, streams.open);
  });
  for (const ended of ['requestfinished', 'requestfailed']) {
    target.on(ended, request => {
      if (isStream(request)) streams.open -= 1;
    });
  }
}

async function until(condition, message, millis = 5000) {
  const deadline = Date.now() + millis;
  while (!await condition()) {
    check(Date.now() < deadline, message);
    await page.waitForTimeout(100);
  }
}

let apiToken = null;

function apiCall(method, path, body, token) {
  const headers = {Accept: 'application/json', 'Content-Type': 'application/json'};
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetch(`${base}/api/v1/${path}`,
    {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
}

/**
 * A call to the admin API from the script itself, not the page, as another administrator (or curl) would make it;
 * {status, body}.
 */
async function adminApi(method, path, body) {
  if (!apiToken) {
    const login = await apiCall('POST', 'auth/login', {username: 'admin', password: adminPassword});
    check(login.status === 200, `the script's own login was answered ${login.status}`);
    apiToken = (await login.json()).accessToken;
  }
  const response = await apiCall(method, path, method === 'GET' ? undefined : body ?? {}, apiToken);
  const text = await response.text();
  return {status: response.status, body: text ? JSON.parse(text) : null};
}

async function loginSteps() {
  await step('/ redirects to the console, which asks for a login', async () => {
    await page.goto(`${base}/`);
    check(new URL(page.url()).pathname === '/console/', `landed on ${page.url()}`);
    await page.getByLabel('Username').waitFor();
    check(await page.locator('button:has-text("SSO"), a:has-text("SSO")').count() === 0, 'no SSO without OIDC');
  });
  await step('a wrong password shows the API\'s error', async () => {
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', {name: 'Log in'}).click();
    const text = await alertOf(page.locator('form'));
    check(text.includes('wrong username or password'), `the alert says: ${text}`);
    check(await page.getByRole('heading', {name: 'Dashboard'}).count() === 0, 'not logged in');
  });
  await step('login shows the dashboard with both listeners', async () => {
    await page.getByLabel('Password').fill(adminPassword);
    await page.getByRole('button', {name: 'Log in'}).click();
    await page.getByRole('heading', {level: 1, name: 'Dashboard'}).waitFor();
    for (const protocol of ['NFS', 'SMB']) {
      await tableRow('Protocol listeners', protocol).filter({hasText: 'LISTENING'}).waitFor();
      // offered to the admin, never clicked here: the other test classes share this server's listeners
      await tableRow('Protocol listeners', protocol).getByRole('button', {name: `Disable ${protocol}`}).waitFor();
    }
    await page.getByRole('heading', {level: 2, name: 'Connected clients'}).waitFor();
    await page.getByRole('table', {name: 'Job schedules'}).getByRole('row').filter({hasText: 'stats'}).waitFor();
  });
}

const UNITS = {B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3};

/** The bytes a figure such as "2.25 MiB" stands for. */
function bytesOf(text) {
  const match = /([\d.]+) (B|KiB|MiB|GiB)/.exec(text);
  check(match, `no byte figure in "${text}"`);
  return Number(match[1]) * UNITS[match[2]];
}

async function liveStreamSteps() {
  await step('the dashboard streams live activity, and leaving it closes the stream', async () => {
    await page.locator('.live-state').filter({hasText: 'Live, as of'}).waitFor();
    const summary = await page.locator('.live-summary').textContent();
    check(/transfers? in flight; \d+ NFS and \d+ SMB connections; \d+ files? waiting/.test(summary), summary);
    await page.getByRole('meter', {name: 'Journal fill'}).waitFor();
    await go('Users');
    await until(() => streams.open === 0, `${streams.open} activity streams still open on the Users page`);
  });
  await step('the stream refreshes the token after a 401 and reconnects after it ends', async () => {
    let answered = 0;
    await page.route('**/api/v1/events', route => {
      answered += 1;
      if (answered === 1) return route.fulfill({status: 401, contentType: 'application/json', body: '{}'});
      if (answered === 2) return route.fulfill({status: 200, contentType: 'text/event-stream', body: ''});
      return route.continue();
    });
    await Promise.all([
      page.waitForResponse(response => response.url().endsWith('/api/v1/auth/refresh') && response.status() === 200),
      go('Dashboard')]);
    await page.locator('.live-state').filter({hasText: 'trying again in 1 s'}).waitFor();
    await page.locator('.live-state').filter({hasText: 'Live, as of'}).waitFor();
    await page.unroute('**/api/v1/events');
    check(answered === 3, `${answered} stream requests`);
  });
}

/** The address:port of every SMB connection in the dashboard's client table now. */
async function smbClientsShown() {
  return new Set(await tableRow('Connected clients', 'SMB').locator('td[data-label="Client"]').allTextContents());
}

/** The copy's own SMB connection appears in the client table and goes away after it closes, with no reload. */
async function newSmbClientComesAndGoes(before) {
  let added;
  await until(async () => {
    added = [...await smbClientsShown()].find(client => !before.has(client));
    return added !== undefined;
  }, 'the copy\'s SMB connection never showed among the connected clients', 10_000);
  await tableRow('Connected clients', added).waitFor({state: 'detached', timeout: 15_000});
}

async function liveTransferSteps() {
  await step('an SMB copy and its connection show on the dashboard live, and leave it when they end', async () => {
    // counted from here: in the reconnect step before, Playwright may report the ended stream's end after the page
    // opened the next one, which is its event order, not two streams held by the page
    streams.most = streams.open;
    await tableRow('Connected clients', dedupShare).filter({hasText: 'admin'}).first().waitFor(); // the held one
    const before = await smbClientsShown();
    writeFileSync(liveTrigger, liveFile);
    // watched while the transfer is: the copy's connection lives for about 3 s
    const connection = newSmbClientComesAndGoes(before);
    connection.catch(() => {}); // awaited below; a failure before that must not be an unhandled rejection
    const row = tableRow('Transfers in flight', liveFile);
    await row.waitFor();
    const done = async () => bytesOf(await row.locator('td[data-label="Done"]').textContent());
    const first = await done();
    await until(async () => await done() > first, `${liveFile} stays at ${first} bytes`);
    for (const [column, value] of [['Protocol', 'SMB'], ['Direction', 'write'], ['Share', dedupShare]]) {
      const text = await row.locator(`td[data-label="${column}"]`).textContent();
      check(text === value, `${column} is ${text}`);
    }
    await screenshot('dashboard-live-1280');
    // the server forgets a transfer 5 s after its last request; the copy takes about 3 s
    await row.waitFor({state: 'detached', timeout: 15_000});
    await connection;
    check(streams.most === 1, `the page held ${streams.most} activity streams at once`);
  });
}

async function liveSteps() {
  if (!liveFile || !liveTrigger || !dedupShare) return;
  await liveStreamSteps();
  await liveTransferSteps();
}

async function userSteps() {
  await step('a user is created and listed', async () => {
    await go('Users');
    const newUser = form('New user');
    await newUser.getByLabel('Username').fill(names.user);
    await newUser.getByLabel('Password').fill('e2e-user-pass-1');
    await newUser.getByLabel('Role').selectOption('operator');
    await newUser.getByRole('button', {name: 'Create user'}).click();
    await tableRow('Users', names.user).filter({hasText: 'operator'}).waitFor();
  });
  await step('an API error names its field in the form', async () => {
    const newUser = form('New user');
    await newUser.getByLabel('Username').fill(names.user.toUpperCase());
    await newUser.getByLabel('Password').fill('e2e-user-pass-1');
    await newUser.getByRole('button', {name: 'Create user'}).click();
    const text = await alertOf(newUser);
    check(text.includes('(field: username)') && text.includes('409'), `the alert says: ${text}`);
    check(await newUser.getByLabel('Username').getAttribute('aria-invalid') === 'true', 'username marked invalid');
    check(await page.evaluate(() => document.activeElement.name) === 'username', 'focus on the username field');
  });
}

async function groupSteps() {
  await step('a group is created with the user as member', async () => {
    await go('Groups');
    const newGroup = form('New group');
    await newGroup.getByLabel('Group name').fill(names.group);
    await newGroup.getByRole('button', {name: 'Create group'}).click();
    await tableRow('Groups', names.group).waitFor();
    await page.getByRole('button', {name: `Members of ${names.group}`, exact: true}).click();
    const addMember = form(`Add a member to ${names.group}`);
    await addMember.getByLabel('Username').fill(names.user);
    await addMember.getByRole('button', {name: 'Add member'}).click();
    await tableRow(`Members of ${names.group}`, names.user).waitFor();
    await tableRow('Groups', names.group).filter({has: page.getByRole('cell', {name: '1', exact: true})}).waitFor();
  });
}

async function shareSteps() {
  await step('a share is created with read-write for the group', async () => {
    await go('Shares');
    const newShare = form('New share');
    await newShare.getByLabel('Share name').fill(names.share);
    await newShare.getByRole('button', {name: 'Create share'}).click();
    await tableRow('Shares', names.share).waitFor();
    const grant = form(`Grant a permission on ${names.share}`);
    await grant.getByLabel('Kind').selectOption('groups');
    await grant.getByLabel('Name').fill(names.group);
    await grant.getByLabel('Level').selectOption('read-write');
    await grant.getByRole('button', {name: 'Grant'}).click();
    await tableRow(`Permissions on ${names.share}`, names.group).filter({hasText: 'read-write'}).waitFor();
    await screenshot('shares-1280');
  });
  await step('an unknown group in a grant shows the API\'s error', async () => {
    const grant = form(`Grant a permission on ${names.share}`);
    await grant.getByLabel('Name').fill(`no-such-group-${suffix}`);
    await grant.getByRole('button', {name: 'Grant'}).click();
    const text = await alertOf(grant);
    check(/404|400/.test(text), `the alert says: ${text}`);
  });
  await step('a share is renamed in its options form; a taken name shows the API\'s conflict', async () => {
    const before = `e2e-rename-${suffix}`;
    const after = `e2e-renamed-${suffix}`;
    const newShare = form('New share');
    await newShare.getByLabel('Share name').fill(before);
    await newShare.getByRole('button', {name: 'Create share'}).click();
    await tableRow('Shares', before).waitFor();
    const taken = form(`Options of ${before}`);
    await taken.getByLabel('Share name').fill('DATA');
    await taken.getByRole('button', {name: 'Save options'}).click();
    const text = await alertOf(taken);
    check(/409/.test(text), `the alert says: ${text}`);
    await taken.getByLabel('Share name').fill(after);
    await taken.getByRole('button', {name: 'Save options'}).click();
    await page.getByRole('heading', {level: 2, name: `Share ${after}`, exact: true}).waitFor();
    await tableRow('Shares', after).waitFor();
    check(await tableRow('Shares', before).count() === 0, `${before} is still listed`);
  });
}

const RUNNING = ['STARTING', 'STARTED', 'STOPPING'];

/** The execution once it has ended, as the API states it. */
async function executionEnded(job, id) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await adminApi('GET', `jobs/${job}/executions/${id}`);
    check(answer.status === 200, `${job} execution ${id} was answered ${answer.status}`);
    if (!RUNNING.includes(answer.body.status)) return answer.body;
    check(Date.now() < deadline, `${job} execution ${id} is still ${answer.body.status} after 60 s`);
    await page.waitForTimeout(200);
  }
}

/**
 * A statistics execution started and stopped at once through the API, before it could complete: its id. The job
 * takes well under a second, so a stop may come too late; then it is tried again.
 */
async function stoppedStats() {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const started = await adminApi('POST', 'jobs/stats/executions', {});
    check(started.status === 202, `the start of stats was answered ${started.status}: ${JSON.stringify(started.body)}`);
    const stopping = await adminApi('POST', `jobs/stats/executions/${started.body.id}/stop`);
    check([202, 409].includes(stopping.status), `the stop was answered ${stopping.status}`);
    if ((await executionEnded('stats', started.body.id)).status === 'STOPPED') return started.body.id;
  }
  throw new Error('no statistics execution was stopped before it completed, in 5 tries');
}

function restartOf(id) {
  return response => response.request().method() === 'POST'
    && new URL(response.url()).pathname === `/api/v1/jobs/stats/executions/${id}/restart`;
}

function historyRow(id) {
  return page.getByRole('table', {name: 'Recent executions, newest first', exact: true}).getByRole('row')
    .filter({has: page.getByRole('cell', {name: String(id), exact: true})});
}

async function restartSteps() {
  await step('Restart on the Jobs page shows the API\'s refusal when another admin restarted it first', async () => {
    const stopped = await stoppedStats();
    await reloadPage('Jobs');
    let elsewhere = null;
    const path = `**/api/v1/jobs/stats/executions/${stopped}/restart`;
    await page.route(path, async route => {
      elsewhere = await adminApi('POST', `jobs/stats/executions/${stopped}/restart`); // just before the page's
      await route.continue();
    });
    try {
      const [answer] = await Promise.all([page.waitForResponse(restartOf(stopped)),
        page.getByRole('button', {name: `Restart stats execution ${stopped}`, exact: true}).click()]);
      check(answer.status() === 409, `the page's restart was answered ${answer.status()}`);
    } finally {
      await page.unroute(path);
    }
    check(elsewhere && elsewhere.status === 202, `the other restart was answered ${elsewhere && elsewhere.status}`);
    const text = await alertOf(page.locator('.jobs-failure'));
    check(text.includes(`stats execution ${stopped} was not restarted`) && text.includes('409'),
      `the alert says: ${text}`);
    const other = await executionEnded('stats', elsewhere.body.id);
    check(other.status === 'COMPLETED', `the other restart ended ${other.status}`);
  });
  await step('Restart on the Jobs page resumes a stopped execution, which runs to COMPLETED', async () => {
    const stopped = await stoppedStats();
    await reloadPage('Jobs');
    check(await historyRow(stopped).filter({hasText: 'STOPPED'}).count() === 1, `${stopped} is not listed STOPPED`);
    const [answer] = await Promise.all([page.waitForResponse(restartOf(stopped)),
      page.getByRole('button', {name: `Restart stats execution ${stopped}`, exact: true}).click()]);
    check(answer.status() === 202, `the restart was answered ${answer.status()}`);
    const restarted = await answer.json();
    await page.getByRole('status').filter({hasText: `stats execution ${stopped} restarted: execution ${restarted.id}`})
      .waitFor();
    const before = (await adminApi('GET', `jobs/stats/executions/${stopped}`)).body;
    check(restarted.id !== stopped && restarted.instanceId === before.instanceId,
      `execution ${restarted.id} (run ${restarted.instanceId}) is no restart of ${stopped} (run ${before.instanceId})`);
    await historyRow(restarted.id).filter({hasText: 'COMPLETED'}).waitFor({timeout: 60_000});
    check(await page.getByRole('button', {name: /^Restart stats execution /}).count() === 0,
      'a completed statistics job still offers a Restart');
  });
}

const LISTENER_MILLIS = 5000;

/** Switches a listener through the API, as another administrator (or curl) would: not through the page on show. */
async function switchListener(protocol, enabled) {
  const answer = await adminApi('PUT', `adapters/${protocol.toLowerCase()}`, {enabled});
  check(answer.status === 200 && answer.body.enabled === enabled, `the switch was answered ${answer.status}`);
}

/** The listener's row shows its state and switch within a few seconds, in the document it was in before. */
async function listenerShows(protocol, state, button) {
  const row = tableRow('Protocol listeners', protocol);
  await row.filter({hasText: state}).waitFor({timeout: LISTENER_MILLIS});
  await row.getByRole('button', {name: `${button} ${protocol}`, exact: true}).waitFor({timeout: LISTENER_MILLIS});
  check(await page.evaluate(() => window.e2eSameDocument === true), 'the page was loaded again');
}

/**
 * With the page open, NFS switched off through the API shows DISABLED with no connections, and switched on again
 * LISTENING, without a reload. NFS, not SMB: the test holds an SMB session that later steps look for; and it is on
 * again before the next step, since the other classes share this server.
 */
async function listenerFollowsTheApi() {
  await page.evaluate(() => { window.e2eSameDocument = true; });
  await listenerShows('NFS', 'LISTENING', 'Disable');
  try {
    await switchListener('NFS', false);
    await listenerShows('NFS', 'DISABLED', 'Enable');
    const connections = await tableRow('Protocol listeners', 'NFS').locator('td[data-label="Connections"]')
      .textContent();
    check(connections === '0', `the disabled NFS listener shows ${connections} connections`);
  } finally {
    await switchListener('NFS', true);
  }
  await listenerShows('NFS', 'LISTENING', 'Disable');
}

async function listenerSteps() {
  await step('the Adapters page shows NFS switched off and on through the API, live', async () => {
    await go('Adapters');
    await page.locator('.live-state').filter({hasText: 'Live, as of'}).waitFor();
    await listenerFollowsTheApi();
  });
  await step('the dashboard\'s listener table shows NFS switched off and on through the API, live', async () => {
    await go('Dashboard');
    await page.locator('.live-state').filter({hasText: 'Live, as of'}).waitFor();
    await listenerFollowsTheApi();
  });
}

/** The Dedup cell of a share in the dashboard's Shares table, or null while the share has no row. */
async function dedupOf(share) {
  const row = page.getByRole('table', {name: 'Shares', exact: true}).getByRole('row')
    .filter({has: page.getByRole('cell', {name: share, exact: true})});
  return await row.count() ? row.locator('td[data-label="Dedup"]').textContent() : null;
}

async function dedupShown() {
  if (!dedupShare) return true;
  const ratio = await dedupOf(dedupShare);
  return ratio !== null && ratio !== '1.00×';
}

async function setSchedule(job, schedule) {
  await go('Schedules');
  await page.getByLabel(`Schedule of ${job}`, {exact: true}).fill(schedule);
  await page.getByRole('button', {name: `Save the schedule of ${job}`}).click();
  await page.getByRole('status').filter({hasText: `Schedule of ${job} set to ${schedule}`}).waitFor();
}

async function scheduleSteps() {
  await step('a schedule set in the console runs the statistics job, and the dashboard charts it', async () => {
    await setSchedule('stats', '*/2 * * * * *');
    await go('Dashboard');
    const deadline = Date.now() + 45_000;
    while (!await tableRow('Shares', names.share).count() || !await dedupShown()) {
      check(Date.now() < deadline, `no statistics of ${names.share}${dedupShare ? ` and dedup in ${dedupShare}` : ''}`
        + ' within 45 s');
      await page.waitForTimeout(1000);
      await page.reload();
      await page.locator('main[aria-busy="false"]').waitFor();
    }
    const bars = await page.locator('svg.chart rect.bar-unique').count();
    check(bars >= 2, `the dedup chart has ${bars} unique-bytes bars (legend included)`);
    if (dedupShare) {
      const row = page.locator('svg.chart g.chart-row').filter({hasText: dedupShare});
      const logical = Number(await row.locator('rect.bar-logical').getAttribute('width'));
      const unique = Number(await row.locator('rect.bar-unique').getAttribute('width'));
      check(logical > unique && unique > 0, `${dedupShare}'s bars: logical ${logical}, unique ${unique}`);
    }
    await screenshot('dashboard-1280');
    await setSchedule('stats', 'off');
  });
}

async function jobSteps() {
  await step('a job started on the Jobs page shows its progress bars and ends COMPLETED', async () => {
    await go('Jobs');
    await tableRow('Jobs', 'stats').waitFor();
    const [answer] = await Promise.all([
      page.waitForResponse(response => response.request().method() === 'POST'
        && new URL(response.url()).pathname === '/api/v1/jobs/stats/executions'),
      page.getByRole('button', {name: 'Start stats', exact: true}).click()]);
    check(answer.status() === 202, `the start was answered ${answer.status()}`);
    const id = (await answer.json()).id;
    await page.getByRole('status').filter({hasText: `stats started: execution ${id}`}).waitFor();
    const bars = page.getByRole('progressbar', {name: new RegExp(`^stats execution ${id}: step `)});
    await bars.first().waitFor();
    const row = page.getByRole('table', {name: 'Recent executions, newest first', exact: true}).getByRole('row')
      .filter({has: page.getByRole('cell', {name: String(id), exact: true})});
    await row.filter({hasText: 'COMPLETED'}).waitFor({timeout: 60_000});
    const exit = await row.locator('td[data-label="Exit status"]').textContent();
    check(exit === 'COMPLETED', `exit status ${exit}`);
    const full = await row.getByRole('progressbar').evaluateAll(all => all.every(bar => bar.value === bar.max));
    check(full, 'every step bar of the completed execution is full');
    await screenshot('jobs-1280');
  });
}


async function otherPages() {
  await step('the Stores, Adapters and Settings pages show the store, both listeners and no secret', async () => {
    await go('Stores');
    await page.getByRole('heading', {level: 2, name: 'Store default (filesystem)'}).waitFor();
    check(await form('New store').count() === 1, 'an admin sees no form to add a store');
    const secretField = form('New store').getByLabel('Secret key', {exact: true});
    check(await secretField.getAttribute('type') === 'password', 'the secret key field is not a password field');
    check(await form('New store').getByLabel('Kind').locator('option[value="s3"]').count() === 1,
      'the form offers no S3 store');
    check(await page.locator('main').getByText(names.share).count() > 0, `${names.share} is not listed as a user`);
    // the Schedules page's re-render after its save, overtaken by this page, must not have added to it
    check(await page.getByRole('heading', {name: 'Job schedules'}).count() === 0, 'the Schedules page shows here');
    await screenshot('stores-1280');
    await go('Adapters');
    for (const protocol of ['NFS', 'SMB']) {
      await tableRow('Protocol listeners', protocol).filter({hasText: 'LISTENING'}).waitFor();
    }
    if (dedupShare) {
      // the test holds an SMB session as admin on that share; the list is at most a report (2 s) behind
      const held = () => tableRow('Connected clients', dedupShare).filter({hasText: 'admin'});
      await until(async () => await held().count() > 0 || (await reloadPage('Adapters'), false),
        `no connected SMB client of admin on ${dedupShare}`, 15000);
      check((await held().first().textContent()).includes('SMB'), 'the held client is listed as SMB');
    } else {
      await page.getByRole('heading', {level: 2, name: 'Connected clients'}).waitFor();
    }
    await go('Settings');
    const secret = tableRow('Settings', 'CISTERN_ADMIN_PASSWORD');
    const value = await secret.locator('td[data-label="Value"]').textContent();
    check(value === 'set' || value === 'unset', `the admin password shows as "${value}"`);
    check(!(await page.locator('main').textContent()).includes(adminPassword), 'the admin password is on the page');
    await screenshot('settings-1280');
  });
  await step('an admin changes a runtime setting, a bad value shows its error, Reset undoes it', async () => {
    const name = 'CISTERN_GC_GRACE_SECONDS';
    const row = () => tableRow('Settings', name);
    check(await tableRow('Settings', 'CISTERN_DATA_DIR').getByRole('textbox').count() === 0,
      'the data directory has no field');
    await row().getByLabel(`Value of ${name}`).fill('soon');
    await row().getByRole('button', {name: `Save ${name}`}).click();
    const text = await alertOf(row());
    check(/400/.test(text) && /invalid_value/.test(text), `the alert says: ${text}`);
    await row().getByLabel(`Value of ${name}`).fill('7200');
    await row().getByRole('button', {name: `Save ${name}`}).click();
    await row().locator('td[data-label="Source"]').filter({hasText: 'override'}).waitFor();
    check(await row().getByLabel(`Value of ${name}`).inputValue() === '7200', 'the new value is shown');
    await row().getByRole('button', {name: new RegExp(`^Reset ${name}`)}).click();
    await row().locator('td[data-label="Source"]').filter({hasText: 'default'}).waitFor();
  });
  await step('an admin changes a start-only setting: it waits for a restart until Reset removes it', async () => {
    const name = 'CISTERN_JOURNAL_CAPACITY_MB';
    const row = () => tableRow('Settings', name);
    check((await row().locator('td[data-label="Changes"]').textContent()).includes('takes effect after a restart'),
      'the page says when a start-only setting counts');
    const inEffect = await row().getByLabel(`Value of ${name}`).inputValue();
    await row().getByLabel(`Value of ${name}`).fill('8');
    await row().getByRole('button', {name: `Save ${name}`}).click();
    const text = await alertOf(row());
    check(/400/.test(text) && /at least|from 16/.test(text), `the alert says: ${text}`);
    await row().getByLabel(`Value of ${name}`).fill('512');
    await row().getByRole('button', {name: `Save ${name}`}).click();
    await row().filter({hasText: 'takes effect after a restart: 512'}).waitFor();
    check(await row().getByLabel(`Value of ${name}`).inputValue() === inEffect, 'the value in effect stays');
    await row().getByRole('button', {name: new RegExp(`^Reset ${name}`)}).click();
    await row().filter({hasNotText: 'after a restart:'}).waitFor();
  });
  await step('the audit log shows the changes', async () => {
    await go('Audit log');
    await tableRow('Audit events, newest first', 'share.permission').filter({hasText: names.share}).first().waitFor();
    await screenshot('audit-1280');
  });
  await step('a reload keeps the login (refresh token in sessionStorage)', async () => {
    await page.reload();
    await page.getByRole('heading', {level: 1, name: 'Audit log'}).waitFor();
  });
  await step('a narrow screen shows every page without sideways scrolling', async () => {
    await page.setViewportSize(NARROW);
    for (const [link, shot] of [['Dashboard', 'dashboard-narrow'], ['Shares', 'shares-narrow'],
      ['Users', 'users-narrow'], ['Jobs', 'jobs-narrow'], ['Stores', 'stores-narrow'],
      ['Adapters', 'adapters-narrow'], ['Settings', 'settings-narrow']]) {
      await go(link);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 1, `${link} is ${overflow}px wider than the screen`);
      await screenshot(shot);
    }
    await page.setViewportSize(WIDE);
  });
}

async function keyboardAndLogout() {
  await step('the keyboard reaches the skip link first, and it moves focus to the content', async () => {
    await go('Users');
    await page.reload(); // a fresh document, so that the keyboard starts at its top
    await page.getByRole('heading', {level: 1, name: 'Users'}).waitFor();
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement.id) === 'skip-link', 'skip link focused first');
    await page.keyboard.press('Enter');
    check(await page.evaluate(() => document.activeElement.id) === 'main', 'focus moved to the content');
  });
  await step('logout returns to login, and a reload does not log in again', async () => {
    await page.getByRole('button', {name: 'Log out'}).click();
    await page.getByRole('button', {name: 'Log in'}).waitFor();
    check(await page.evaluate(() => sessionStorage.length) === 0, 'sessionStorage emptied');
    await page.reload();
    await page.getByRole('button', {name: 'Log in'}).waitFor();
    check(await page.getByRole('navigation').isHidden(), 'no navigation before login');
  });
}

async function policySteps() {
  await step('the Content-Security-Policy blocks inline script, and nothing else was blocked', async () => {
    check(problems.csp.length === 0, `violations: ${problems.csp.join(' | ')}`);
    check(problems.scripts.length === 0, `script errors: ${problems.scripts.join(' | ')}`);
    const ran = await page.evaluate(() => new Promise(resolve => {
      document.addEventListener('securitypolicyviolation', () => resolve(window.inlineRan === true), {once: true});
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true;';
      document.head.append(script);
      setTimeout(() => resolve('no violation reported'), 3000);
    }));
    check(ran === false, `inline script: ${ran}`);
  });
}

async function main() {
  mkdirSync(shots, {recursive: true});
  const browser = await launchChromium();
  try {
    const context = await newContext(browser);
    page = await context.newPage();
    watch(page);
    await loginSteps();
    await liveSteps();
    await userSteps();
    await groupSteps();
    await shareSteps();
    await jobSteps();
    await restartSteps();
    await listenerSteps();
    await scheduleSteps();
    await otherPages();
    await keyboardAndLogout();
    await policySteps();
    console.log(`created: ${JSON.stringify(names)}`);
    console.log(`console e2e: all ${stepCount()} steps ok in Chromium ${browser.version()}`);
  } finally {
    await browser.close();
  }
}

main().catch(() => process.exit(1));
