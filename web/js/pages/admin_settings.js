// admin_settings.js: the deployment's settings (route #/admin/settings,
// admins only): the hotline's deadlines, each with its value in force, its
// default and bounds, a field to change it and a button to return it to the
// default. The server validates and audits; a change applies at once to
// messages delivered after it.

import { api, enc } from '../api.js';
import { t } from '../i18n.js';
import { h, mount } from '../dom.js';
import { statusLine, busy, errorBox } from '../ui.js';
import { adminTabs } from './admin_common.js';

// Key -> catalogue entry for its label ("hotline.ack.flash" -> settings.ack_flash).
function label(key) {
  const m = /^hotline\.(ack|reply)\.(flash|urgent|routine)$/.exec(key);
  return m ? t(`settings.${m[1]}_${m[2]}`) : key;
}

function row(item, status, redraw) {
  const input = h('input', { id: `cfg-${item.key.replace(/\./g, '-')}`, value: item.value, maxlength: 32,
    size: 8, autocomplete: 'off', 'aria-label': label(item.key), dataset: { key: item.key } });
  const form = h('form.cfg-row', { dataset: { key: item.key } },
    input, ' ',
    h('button', { type: 'submit', class: 'cfg-save' }, t('settings.save')), ' ',
    item.set ? h('button.link', { type: 'button', class: 'cfg-reset', onclick: () => reset() }, t('settings.reset')) : null);
  const save = () => busy(form, async () => {
    try {
      const r = await api.put(`/api/v1/config/${enc(item.key)}`, { value: input.value.trim() });
      status.ok(t('settings.saved', { key: label(item.key), value: r.value }));
      redraw();
    } catch (e) { status.error(e); }
  });
  const reset = () => busy(form, async () => {
    try {
      const r = await api.del(`/api/v1/config/${enc(item.key)}`);
      status.ok(t('settings.saved', { key: label(item.key), value: r.value }));
      redraw();
    } catch (e) { status.error(e); }
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); save(); });
  return h('tr', { dataset: { key: item.key, set: item.set ? '1' : '0' } },
    h('th', { scope: 'row' }, label(item.key), h('div.muted', null, h('code', null, item.key))),
    h('td', null, form),
    h('td', null, item.default, h('div.muted', null, t('settings.bounds', { min: item.min, max: item.max }))),
    h('td.muted', null, item.updated_at ? t('settings.changed', { at: item.updated_at.slice(0, 16).replace('T', ' '), by: item.updated_by }) : ''));
}

export async function render() {
  const status = statusLine();
  const box = h('div', { id: 'cfg-box' });
  async function draw() {
    try {
      const data = await api.get('/api/v1/config');
      mount(box, h('table.list', { id: 'cfg-list' },
        h('thead', null, h('tr', null, [t('settings.key'), t('settings.value'), t('settings.default'), '']
          .map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, data.items.map((it) => row(it, status, draw)))));
    } catch (e) { mount(box, errorBox(e)); }
  }
  await draw();
  return h('section.page.admin', { id: 'admin-settings' },
    h('h1', null, t('admin.title')),
    adminTabs('/admin/settings'),
    h('h2', null, t('settings.title')),
    h('p', null, t('settings.intro')),
    status.el,
    box);
}
