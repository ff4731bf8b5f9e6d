// The settings in effect (admins and operators), with where each value comes from. Admins change the few that may
// change while the server runs (PATCH settings); the others are read when the server starts. Secrets show as set or
// unset only.

import {api} from '../api.js';
import {h, heading, section, table} from '../dom.js';
import {clearError, errorArea, onSubmit, showError} from '../forms.js';

export const title = 'Settings';

function shownValue(setting) {
  if (setting.secret) return h('em', null, setting.value);
  return setting.value ?? h('span', {class: 'hint'}, 'unset');
}

// One runtime setting's form: Save stores an override; Reset removes it (the environment's value or the default
// counts again).
function changeForm(ctx, setting) {
  const id = `setting-${setting.name}`;
  const reset = h('button', {type: 'button', 'aria-label': `Reset ${setting.name} to the environment's value`},
    'Reset');
  const form = h('form', {class: 'inline-form', novalidate: true},
    h('label', {for: id, class: 'visually-hidden'}, `Value of ${setting.name}`),
    h('input', {id, name: setting.name, value: setting.value ?? '', autocomplete: 'off', spellcheck: 'false'}),
    h('button', {type: 'submit', 'aria-label': `Save ${setting.name}`}, 'Save'),
    setting.source === 'override' ? reset : '',
    errorArea());
  const save = async changes => {
    await api.patch('settings', changes);
    ctx.say(`${setting.name} changed; it counts for ${setting.takesEffect}.`);
    ctx.rerender();
  };
  reset.addEventListener('click', async () => {
    clearError(form);
    try {
      await save({[setting.name]: null});
    } catch (error) {
      showError(form, error);
    }
  });
  return onSubmit(form, async values => save({[setting.name]: values[setting.name] ?? ''}));
}

export async function render(container, ctx) {
  container.append(heading('Settings'));
  const settings = await api.get('settings');
  const mayChange = ctx.may('admin');
  container.append(section('Settings in effect',
    table('Settings', ['Setting', 'Value', 'Source', 'Changes', 'What it is'], settings.map(setting => [
      h('code', null, setting.name),
      mayChange && setting.runtime ? changeForm(ctx, setting) : shownValue(setting),
      setting.source,
      setting.runtime ? `at run time: ${setting.takesEffect}` : 'at start',
      setting.description,
    ]), 'No settings.'),
    h('p', {class: 'hint'}, 'Each is a CISTERN_* environment variable or the Java system property beside it. Those '
      + 'that change at run time are stored in the database when changed here (source “override”) and count without '
      + 'a restart; Reset returns to the environment’s value. The others take effect when the server starts.')));
}
