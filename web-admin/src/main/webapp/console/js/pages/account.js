// The logged-in administrator's own account: who they are, and their password.

import * as session from '../session.js';
import {api} from '../api.js';
import {field, h, heading, section} from '../dom.js';
import {form, onSubmit} from '../forms.js';
import {ApiError} from '../http.js';
import {list} from '../format.js';

export const title = 'Account';

function passwordForm(ctx, me) {
  const changed = form('Change your password', [
    field({label: 'Current password', name: 'oldPassword', type: 'password', autocomplete: 'current-password'}),
    field({label: 'New password', name: 'newPassword', type: 'password', autocomplete: 'new-password',
      hint: '8 characters or more; also used for SMB logons'}),
    field({label: 'New password again', name: 'repeated', type: 'password', autocomplete: 'new-password'}),
  ], 'Change password');
  return onSubmit(changed, async values => {
    if ((values.newPassword || '') !== (values.repeated || '')) {
      throw new ApiError(0, 'mismatch', 'the two new passwords differ', 'repeated');
    }
    await api.post('auth/me/password', {oldPassword: values.oldPassword || '', newPassword: values.newPassword || ''});
    // the change revoked every refresh token of the account, this tab's too: log in again with the new password
    await session.login(me.username, values.newPassword);
    ctx.say('Password changed.');
    ctx.rerender();
  });
}

export async function render(container, ctx) {
  container.append(heading('Account'));
  const me = await api.get('auth/me');
  container.append(section('You',
    h('dl', {class: 'facts'},
      h('dt', null, 'Username'), h('dd', null, me.username),
      h('dt', null, 'Role'), h('dd', null, me.role),
      h('dt', null, 'uid'), h('dd', null, String(me.uid)),
      h('dt', null, 'Groups'), h('dd', null, list([me.primaryGroup, ...me.groups].filter(Boolean))))),
  h('div', {class: 'card'}, passwordForm(ctx, me)));
}
