// The login page: local accounts, and "Sign in with SSO" when Cistern has an OpenID Connect provider configured (the
// button is a plain link to the server's SSO path, which sends the browser to the provider).

import * as session from '../session.js';
import {field, fill, h} from '../dom.js';
import {form, onSubmit} from '../forms.js';

export function renderLogin(main, reason, loggedIn) {
  const loginForm = form('Log in with a Cistern account', [
    field({label: 'Username', name: 'username', autocomplete: 'username', required: true}),
    field({label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password', required: true}),
  ], 'Log in');
  onSubmit(loginForm, async ({username, password}) => {
    await session.login(username || '', password || '');
    loggedIn();
  });
  fill(main,
    h('div', {class: 'login'},
      h('h1', {tabindex: -1}, 'Cistern console'),
      reason ? h('p', {class: 'reason', role: 'status'}, reason) : null,
      loginForm));
  loginForm.querySelector('input').focus();
  offerSingleSignOn(main);
}

async function offerSingleSignOn(main) {
  let loginPath;
  try {
    loginPath = await session.singleSignOn();
  } catch (unknown) {
    return; // without an answer, local login is all there is
  }
  const login = main.querySelector('.login');
  if (!loginPath || !login) return;
  login.append(h('p', {class: 'sso'}, h('a', {class: 'button', href: loginPath}, 'Sign in with SSO')));
}
