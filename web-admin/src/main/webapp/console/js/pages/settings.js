// The settings in effect (admins and operators), read-only: they are read when the server starts. Secrets show as
// set or unset only.

import {api} from '../api.js';
import {h, heading, section, table} from '../dom.js';

export const title = 'Settings';

export async function render(container) {
  container.append(heading('Settings'));
  const settings = await api.get('settings');
  container.append(section('Settings in effect',
    table('Settings', ['Setting', 'Value', 'What it is'], settings.map(setting => [
      h('code', null, setting.name),
      setting.secret ? h('em', null, setting.value) : (setting.value ?? h('span', {class: 'hint'}, 'unset')),
      setting.description,
    ]), 'No settings.'),
    h('p', {class: 'hint'}, 'Each is a CISTERN_* environment variable or the Java system property beside it; they '
      + 'take effect when the server starts.')));
}
