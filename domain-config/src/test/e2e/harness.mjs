// What the browser scripts share (console.mjs, sso.mjs): headless Debian Chromium launched with the suite's flags, a
// context that reports every Content-Security-Policy violation, the steps with their "ok - " / "not ok - " report,
// and the watch for violations and script errors.

import {chromium} from 'playwright-core';
import {join} from 'node:path';

export const WIDE = {width: 1280, height: 900};
export const NARROW = {width: 390, height: 844};
export const TIMEOUT = 15_000;

export function required(name) {
  const value = process.env[name];
  if (!value) {
    console.log(`not ok - setup: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A wide context whose pages report CSP violations to the console themselves, so that none goes unseen. */
export async function newContext(browser) {
  const context = await browser.newContext({viewport: WIDE});
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript(() => document.addEventListener('securitypolicyviolation', event =>
    console.error(`securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI}`)));
  return context;
}

/** Collects a page's CSP violations and script errors into problems ({csp: [], scripts: []}); accepts dialogs. */
export function watchProblems(target, problems) {
  target.on('console', message => {
    if (/Content.Security.Policy|securitypolicyviolation/i.test(message.text())) problems.csp.push(message.text());
  });
  target.on('pageerror', error => problems.scripts.push(error.message));
  target.on('dialog', dialog => dialog.accept());
}

/**
 * Steps that print "ok - <name> (<seconds> s)" or "not ok - <name>: <why>"; a failing step leaves failure.png of
 * the page (currentPage() answers it) in the screenshot folder and ends the run.
 */
export function stepper(shots, currentPage) {
  let count = 0;
  return {
    async step(name, action) {
      const started = Date.now();
      try {
        await action();
        count += 1;
        console.log(`ok - ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (failure) {
        console.log(`not ok - ${name}: ${String(failure.message || failure).split('\n')[0]}`);
        await currentPage()?.screenshot({path: join(shots, 'failure.png'), fullPage: true}).catch(() => {});
        throw failure;
      }
    },
    count: () => count,
  };
}
