// The console's shell: login or the page the address names (#/users, #/shares, …), the navigation, and the way
// back to login when the session ends.

import * as session from './session.js';
import {fill, h} from './dom.js';
import {errorArea, showError} from './forms.js';
import {renderLogin} from './pages/login.js';
import * as dashboard from './pages/dashboard.js';
import * as users from './pages/users.js';
import * as groups from './pages/groups.js';
import * as shares from './pages/shares.js';
import * as schedules from './pages/schedules.js';
import * as jobs from './pages/jobs.js';
import * as stores from './pages/stores.js';
import * as adapters from './pages/adapters.js';
import * as settings from './pages/settings.js';
import * as audit from './pages/audit.js';
import * as account from './pages/account.js';

const PAGES = {dashboard, users, groups, shares, schedules, jobs, stores, adapters, settings, audit, account};
const main = document.getElementById('main');
const topbar = document.getElementById('topbar');
const notice = document.getElementById('notice');
let noticeTimer = null;
// what the page on show asked to have done when it goes (the dashboard's activity stream is closed)
let leaving = [];
// counts renders, so that one overtaken by the next (a save's re-render, then a click elsewhere) is known as stale
let renders = 0;

/** What a page gets: who is logged in, what they may do, and a way to tell them something worked. */
function context(identity, state, stale) {
  return {
    identity,
    state,
    may: (...roles) => roles.includes(identity.role),
    say: text => {
      notice.textContent = text;
      clearTimeout(noticeTimer);
      noticeTimer = setTimeout(() => { notice.textContent = ''; }, 6000);
    },
    fail: error => showError(main, error),
    rerender: next => render(false, next || {}),
    onLeave: action => (stale() ? action() : leaving.push(action)),
  };
}

function pageName() {
  const match = /^#\/([a-z]+)/.exec(location.hash);
  return match && PAGES[match[1]] ? match[1] : 'dashboard';
}

function showShell(identity) {
  topbar.hidden = false;
  document.getElementById('whoami').textContent = `${identity.username} (${identity.role})`;
  for (const link of topbar.querySelectorAll('[data-role]')) {
    link.parentElement.hidden = !link.dataset.role.split(' ').includes(identity.role);
  }
  const current = pageName();
  for (const link of topbar.querySelectorAll('[data-page]')) {
    if (link.dataset.page === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function leavePage() {
  const actions = leaving;
  leaving = [];
  actions.forEach(action => action());
}

async function render(moveFocus, state = {}) {
  leavePage();
  const identity = session.current();
  if (!identity) {
    showLogin(null);
    return;
  }
  showShell(identity);
  const page = PAGES[pageName()];
  document.title = `${page.title} · Cistern console`;
  // each render gets its own container: one overtaken while it awaits the API then fills a detached one, not the
  // page that replaced it
  const rendering = ++renders;
  const container = h('div', {class: 'page'}, errorArea());
  fill(main, container);
  main.setAttribute('aria-busy', 'true');
  try {
    await page.render(container, context(identity, state, () => rendering !== renders));
  } catch (error) {
    showError(container, error);
  } finally {
    if (rendering === renders) main.setAttribute('aria-busy', 'false');
  }
  if (moveFocus && rendering === renders) {
    const heading = main.querySelector('h1');
    (heading || main).focus();
  }
}

function showLogin(reason) {
  renders += 1;
  leavePage();
  topbar.hidden = true;
  document.title = 'Log in · Cistern console';
  renderLogin(main, reason, () => render(true));
}

// where the server's single sign-on callback sends the browser; the login itself waits in an HttpOnly cookie
const SSO_LANDING = '#/sso';

async function finishSingleSignOn() {
  try {
    await session.completeSingleSignOn();
    history.replaceState(null, '', '#/dashboard');
    render(true);
  } catch (error) {
    history.replaceState(null, '', '#/');
    showLogin(`Single sign-on did not complete: ${error.describe ? error.describe() : error.message}`);
  }
}

function start() {
  session.onEnd(reason => showLogin(reason));
  window.addEventListener('hashchange', () => {
    if (location.hash.startsWith('#/') && session.current()) render(true);
  });
  document.getElementById('logout').addEventListener('click', () => session.logout());
  document.getElementById('skip-link').addEventListener('click', event => {
    event.preventDefault();
    main.focus();
  });
  if (location.hash === SSO_LANDING) {
    finishSingleSignOn();
    return;
  }
  session.resume().then(resumed => {
    if (resumed) render(false);
    else showLogin(null);
  });
}

start();

