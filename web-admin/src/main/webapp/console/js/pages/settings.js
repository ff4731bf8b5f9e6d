// The settings in effect (admins and operators), with where each value comes from. Admins change the few that may
// change while the server runs (PATCH settings) and the start-only ones the launcher applies at the next start (shown
// beside the value in effect until then); the rest are set in the environment. Secrets show as set or unset only.

import {api} from '../api.js';
import {h, heading, section, table} from '../dom.js';
import {clearError, errorArea, onSubmit, showError} from '../forms.js';

export const title = 'Settings';

function shownValue(setting) {
  if (setting.secret) return h('em', null, setting.value);
  return setting.value ?? h('span', {class: 'hint'}, 'unset');
}

// One changeable setting's form: Save stores an override; Reset removes it (the environment's value or the default
// counts again, at once or at the next start).
function changeForm(ctx, setting) {
  const id = `setting-${setting.name}`;
  const reset = h('button', {type: 'button', 'aria-label': `Reset ${setting.name} to the environment's value`},
    'Reset');
  const form = h('form', {class: 'inline-form', novalidate: true},
    h('label', {for: id, class: 'visually-hidden'}, `Value of ${setting.name}`),
    h('input', {id, name: setting.name, value: setting.value ?? '', autocomplete: 'off', spellcheck: 'false'}),
    h('button', {type: 'submit', 'aria-label': `Save ${setting.name}`}, 'Save'),
    setting.source === 'override' || setting.pendingRestart != null ? reset : '',
    pendingNote(setting),
    errorArea());
  const save = async changes => {
    await api.patch('settings', changes);
    ctx.say(setting.runtime ? `${setting.name} changed; it counts for ${setting.takesEffect}.`
      : `${setting.name} saved; it takes effect after a restart.`);
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

// A start-only setting changed since the start: the value the next start will use.
function pendingNote(setting) {
  if (setting.pendingRestart == null) return '';
  return h('span', {class: 'hint'}, `takes effect after a restart: ${setting.pendingRestart}`);
}

function whenItCounts(setting) {
  if (setting.runtime) return `at run time: ${setting.takesEffect}`;
  return setting.changeable ? 'takes effect after a restart' : 'at start (environment only)';
}

export async function render(container, ctx) {
  container.append(heading('Settings'));
  const settings = await api.get('settings');
  const mayChange = ctx.may('admin');
  container.append(section('Settings in effect',
    table('Settings', ['Setting', 'Value', 'Source', 'Changes', 'What it is'], settings.map(setting => [
      h('code', null, setting.name),
      mayChange && setting.changeable ? changeForm(ctx, setting)
        : setting.pendingRestart == null ? shownValue(setting)
          : h('span', null, shownValue(setting), ' ', pendingNote(setting)),
      setting.source,
      whenItCounts(setting),
      setting.description,
    ]), 'No settings.'),
    h('p', {class: 'hint'}, 'Each is a CISTERN_* environment variable or the Java system property beside it. Those '
      + 'that change at run time are stored in the database when changed here (source “override”) and count without '
      + 'a restart. The start-only ones changed here are checked as the next start would check them, take effect '
      + 'after a restart and until then show the value waiting for it; an override wins over the environment. Reset '
      + 'returns to the environment’s value. Secrets, the data directory, the database, the store and single '
      + 'sign-on are set in the environment only.')));
}
