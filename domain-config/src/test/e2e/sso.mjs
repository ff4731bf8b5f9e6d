// Single sign-on in headless Debian Chromium: the console's "Sign in with SSO" button, the provider's login page
// (mock-oauth2-server's: a username and the claims to put into the tokens), and back on Cistern's dashboard with the
// role the user's groups give; a reload keeps the login; then a user in no mapped group is shown why Cistern refuses.
// Prints "ok - <step>" per step; exits 1 at the first failing step (after a screenshot of it). A Content-Security-
// Policy violation or a script error on Cistern's pages fails it.
//
// Environment: CISTERN_URL (http://127.0.0.1:port, configured against the provider), SCREENSHOT_DIR, SSO_USER (a
// local account), SSO_GROUPS (a JSON array the provider puts into the groups claim), SSO_ROLE (the role that must
// result), CHROMIUM_PATH. Run by SingleSignOnIT.

import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {check, launchChromium, newContext, required, stepper, watchProblems} from './harness.mjs';

const base = required('CISTERN_URL');
const shots = required('SCREENSHOT_DIR');
const user = required('SSO_USER');
const groups = JSON.parse(required('SSO_GROUPS'));
const role = required('SSO_ROLE');

const problems = {csp: [], scripts: []};
let page;
const {step, count} = stepper(shots, () => page);

/** From the console's login page through the provider's, as the user would. */
async function signInThroughProvider(name, claims) {
  await page.getByRole('link', {name: 'Sign in with SSO'}).click();
  await page.locator('input[name="username"]').waitFor();
  check(!page.url().startsWith(base), `at the provider: ${page.url()}`);
  await page.locator('input[name="username"]').fill(name);
  await page.locator('textarea[name="claims"]').fill(JSON.stringify(claims));
  await page.locator('input[type="submit"]').click();
}

async function main() {
  mkdirSync(shots, {recursive: true});
  const browser = await launchChromium();
  try {
    const context = await newContext(browser);
    // the provider's page asks for a web font; nothing leaves this machine
    await context.route(url => !['127.0.0.1', 'localhost'].includes(url.hostname), route => route.abort());
    page = await context.newPage();
    // only Cistern's pages must be clean: the provider's page is not ours
    const ours = {csp: [], scripts: []};
    watchProblems(page, problems);
    let shown = '';
    page.on('framenavigated', frame => {
      if (frame !== page.mainFrame()) return;
      const csp = problems.csp.splice(0);
      const scripts = problems.scripts.splice(0);
      if (shown.startsWith(base)) {
        ours.csp.push(...csp);
        ours.scripts.push(...scripts);
      }
      shown = frame.url();
    });

    await step('the login page offers single sign-on', async () => {
      await page.goto(`${base}/console/`);
      await page.getByLabel('Username').waitFor();
      await page.getByRole('link', {name: 'Sign in with SSO'}).waitFor();
      await page.screenshot({path: join(shots, 'sso-login-1280.png'), fullPage: true});
    });
    await step('signing in at the provider lands on the dashboard with the groups\' role', async () => {
      await signInThroughProvider(user, {groups});
      await page.getByRole('heading', {level: 1, name: 'Dashboard'}).waitFor();
      check(new URL(page.url()).hash === '#/dashboard', `landed on ${page.url()}`);
      const whoami = await page.locator('#whoami').textContent();
      check(whoami === `${user} (${role})`, `the top bar says ${whoami}`);
      check(!page.url().includes('code') && !page.url().includes('token'), `nothing secret in ${page.url()}`);
      const visibleCookies = await page.evaluate(() => document.cookie);
      check(!visibleCookies.includes('cistern_sso'), `the code's cookie is HttpOnly: ${visibleCookies}`);
      await page.locator('main[aria-busy="false"]').waitFor();
      await page.screenshot({path: join(shots, 'sso-dashboard-1280.png'), fullPage: true});
    });
    await step('a reload keeps the single sign-on login', async () => {
      await page.reload();
      await page.getByRole('heading', {level: 1, name: 'Dashboard'}).waitFor();
      check(await page.locator('#whoami').textContent() === `${user} (${role})`, 'the same login');
    });
    await step('a user in no mapped group is told why Cistern refuses', async () => {
      await page.getByRole('button', {name: 'Log out'}).click();
      await page.getByRole('button', {name: 'Log in'}).waitFor();
      await signInThroughProvider(user, {groups: ['no-such-cistern-group']});
      await page.getByRole('heading', {level: 1, name: 'Single sign-on refused'}).waitFor();
      const alert = await page.getByRole('alert').textContent();
      check(alert.includes('none of the user\'s groups (no-such-cistern-group)'), `the page says: ${alert}`);
      await page.screenshot({path: join(shots, 'sso-refused-1280.png'), fullPage: true});
      await page.getByRole('link', {name: 'Back to the console'}).click();
      await page.getByRole('button', {name: 'Log in'}).waitFor();
    });
    await step('no Content-Security-Policy violation nor script error on Cistern\'s pages', async () => {
      if (shown.startsWith(base)) {
        ours.csp.push(...problems.csp);
        ours.scripts.push(...problems.scripts);
      }
      check(ours.csp.length === 0, `violations: ${ours.csp.join(' | ')}`);
      check(ours.scripts.length === 0, `script errors: ${ours.scripts.join(' | ')}`);
    });
    console.log(`sso e2e: all ${count()} steps ok in Chromium ${browser.version()}`);
  } finally {
    await browser.close();
  }
}

main().catch(() => process.exit(1));
