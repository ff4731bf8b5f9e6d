// The login page: local accounts. Single sign-on (OpenID Connect) is not built yet; its button will appear here only
// when an OIDC provider is configured.

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
}
