// admin_users.js: user administration (route #/admin/users, query q, unit):
// list and filter users, add one, and per user edit name, unit and roles,
// disable or enable, and reset the password. Admins only; the server
// enforces that too.

import { api, qs, enc } from '../api.js';
import { t, localName } from '../i18n.js';
import { h, mount, field } from '../dom.js';
import * as router from '../router.js';
import { ROLES, roleLabel, statusLine, busy, errorBox, badge } from '../ui.js';
import { adminTabs, roleChecks } from './admin_common.js';
import { fold } from '../fold.js';

const MIN_PASSWORD = 10;   // RL_PASSWORD_MIN on the server
const MAX_PASSWORD = 1024;

function unitText(u) {
  if (!u) return '';
  const name = localName(u, u.country);
  return name && name !== u.code ? `${name} (${u.code})` : u.code;
}

export async function render({ params }) {
  // unit, role and disabled filter on the server; q (name or login) filters
  // the rows already loaded, as the API has no text search for users.
  const state = { q: params.get('q') || '', unit: params.get('unit') || '', role: params.get('role') || '',
    disabled: params.get('disabled') || '', cursor: null, open: null };
  const status = statusLine();
  const listBox = h('div.users-list', { id: 'users-list' });
  const more = h('button', { type: 'button', id: 'users-more', hidden: true }, t('common.more'));
  let tbody = null;

  // ---- filter ----
  const qIn = h('input', { type: 'search', id: 'users-q', value: state.q, maxlength: 100, autocomplete: 'off' });
  const unitIn = h('input', { type: 'text', id: 'users-unit', value: state.unit, maxlength: 64, autocomplete: 'off',
    autocapitalize: 'characters' });
  const roleIn = h('select', { id: 'users-role' }, h('option', { value: '' }, t('users.any_role')),
    ROLES.map((r) => h('option', { value: r, selected: r === state.role }, roleLabel(r))));
  const disIn = h('select', { id: 'users-disabled' },
    h('option', { value: '' }, t('users.any_status')),
    h('option', { value: 'false', selected: state.disabled === 'false' }, t('users.active')),
    h('option', { value: 'true', selected: state.disabled === 'true' }, t('users.disabled')));
  const filter = h('form.filters', { role: 'search', onsubmit: (e) => {
    e.preventDefault();
    state.q = qIn.value.trim();
    state.unit = unitIn.value.trim().toUpperCase();
    state.role = roleIn.value;
    state.disabled = disIn.value;
    router.replaceParams({ q: state.q, unit: state.unit, role: state.role, disabled: state.disabled });
    load(false);
  } },
  field(t('users.search'), qIn).row,
  field(t('users.unit_code'), unitIn).row,
  field(t('users.roles'), roleIn).row,
  field(t('users.status'), disIn).row,
  h('button', { type: 'submit' }, t('common.filter')));
  qIn.addEventListener('input', () => { state.q = qIn.value.trim(); applyQ(); });

  // Hides the loaded rows that do not match the name/login filter.
  function applyQ() {
    if (!tbody) return;
    const q = fold(state.q);
    for (const tr of tbody.querySelectorAll('tr[data-login]')) {
      const hit = !q || fold(tr.dataset.search || '').includes(q);
      tr.hidden = !hit;
      const next = tr.nextElementSibling;
      if (next && next.classList.contains('edit-row')) next.hidden = !hit;
    }
  }

  // ---- list ----
  function userRow(u) {
    const tr = h('tr', { dataset: { login: u.login, search: `${u.login} ${u.full_name || ''}` } });
    const draw = () => mount(tr,
      h('td', { 'data-label': t('users.login') }, h('code', null, u.login)),
      h('td', { 'data-label': t('users.full_name') }, u.full_name),
      h('td', { 'data-label': t('users.unit') }, unitText(u.unit)),
      h('td', { 'data-label': t('users.roles') }, (u.roles || []).map(roleLabel).join(', ')),
      h('td', { 'data-label': t('users.status') }, u.disabled ? badge('ended', t('users.disabled')) : badge('ok', t('users.active'))),
      h('td.actions', null,
        h('button', { type: 'button', 'aria-expanded': state.open === u.login ? 'true' : 'false',
          onclick: () => toggleEdit(u, tr) }, t('common.edit')),
        h('button', { type: 'button', class: 'toggle-disabled', onclick: () => setDisabled(u, !u.disabled) },
          u.disabled ? t('users.enable') : t('users.disable'))));
    draw();
    tr.redraw = (nu) => { Object.assign(u, nu); draw(); };
    return tr;
  }

  async function setDisabled(u, disabled) {
    status.clear();
    try {
      const nu = await api.patch(`/api/v1/users/${enc(u.login)}`, { disabled });
      const tr = tbody.querySelector(`tr[data-login="${CSS.escape(u.login)}"]`);
      if (tr) tr.redraw(nu && nu.login ? nu : { disabled });
      status.ok(disabled ? t('users.disabled_ok', { login: u.login }) : t('users.enabled_ok', { login: u.login }));
    } catch (e) {
      status.error(e);
    }
  }

  function toggleEdit(u, tr) {
    const next = tr.nextElementSibling;
    if (next && next.classList.contains('edit-row')) {
      next.remove();
      state.open = null;
      tr.redraw({});
      return;
    }
    for (const r of tbody.querySelectorAll('tr.edit-row')) r.remove();
    state.open = u.login;
    tr.redraw({});
    const panel = editPanel(u, tr);
    tr.after(h('tr.edit-row', null, h('td', { colspan: 6 }, panel)));
    panel.querySelector('input').focus();
  }

  function editPanel(u, tr) {
    const local = statusLine();
    const name = h('input', { type: 'text', value: u.full_name || '', maxlength: 200, required: true });
    const unit = h('input', { type: 'text', value: (u.unit && u.unit.code) || '', maxlength: 64, autocapitalize: 'characters' });
    const roles = roleChecks(ROLES, u.roles || [], roleLabel, `edit-${u.login}`);
    const form = h('form.panel', { novalidate: true, 'aria-label': t('users.edit_title', { login: u.login }) },
      h('h3', null, t('users.edit_title', { login: u.login })),
      field(t('users.full_name'), name).row,
      field(t('users.unit_code'), unit).row,
      roles.el,
      h('div.buttons', null, h('button.primary', { type: 'submit' }, t('common.save'))),
      local.el);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = {};
      if (name.value.trim() !== (u.full_name || '')) body.full_name = name.value.trim();
      if (unit.value.trim() && unit.value.trim() !== ((u.unit && u.unit.code) || '')) body.unit = unit.value.trim();
      const r = roles.get();
      if (r.join(',') !== (u.roles || []).join(',')) body.roles = r;
      if (!Object.keys(body).length) { local.ok(t('common.no_change')); return; }
      if (body.roles && !body.roles.length) { local.error({ status: 400, message: t('users.need_role') }); return; }
      busy(form, async () => {
        try {
          const nu = await api.patch(`/api/v1/users/${enc(u.login)}`, body);
          tr.redraw(nu && nu.login ? nu : body);
          local.ok(t('common.saved'));
        } catch (err) { local.error(err); }
      });
    });

    const pw = h('input', { type: 'password', autocomplete: 'new-password', minlength: MIN_PASSWORD, maxlength: MAX_PASSWORD });
    const pwLocal = statusLine();
    const pwForm = h('form.panel', { novalidate: true },
      h('h3', null, t('users.reset_password')),
      field(t('users.new_password'), pw, t('users.password_hint', { n: MIN_PASSWORD })).row,
      h('div.buttons', null, h('button', { type: 'submit' }, t('users.reset_password'))),
      pwLocal.el);
    pwForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (pw.value.length < MIN_PASSWORD) { pwLocal.error({ status: 400, message: t('users.password_hint', { n: MIN_PASSWORD }) }); return; }
      busy(pwForm, async () => {
        try {
          await api.post(`/api/v1/users/${enc(u.login)}/password`, { password: pw.value });
          pw.value = '';
          pwLocal.ok(t('users.password_reset_ok', { login: u.login }));
        } catch (err) { pwLocal.error(err); }
      });
    });
    return h('div.edit-panels', null, form, pwForm);
  }

  async function load(append) {
    if (!append) {
      state.cursor = null;
      mount(listBox, h('p.muted', null, t('common.loading')));
    }
    try {
      const data = await api.get(qs('/api/v1/users', { unit: state.unit, role: state.role, disabled: state.disabled,
        limit: 100, cursor: append ? state.cursor : null }));
      const items = Array.isArray(data.items) ? data.items : [];
      if (!append) {
        tbody = h('tbody');
        mount(listBox, items.length || append ? h('table.users', null,
          h('caption.sr', null, t('admin.users')),
          h('thead', null, h('tr', null,
            [t('users.login'), t('users.full_name'), t('users.unit'), t('users.roles'), t('users.status'), t('users.actions')]
              .map((c) => h('th', { scope: 'col' }, c)))),
          tbody) : h('p.muted', null, t('users.none')));
      }
      for (const u of items) tbody.appendChild(userRow(u));
      applyQ();
      state.cursor = data.next_cursor || null;
      more.hidden = !state.cursor;
    } catch (e) {
      mount(listBox, errorBox(e));
    }
  }
  more.addEventListener('click', () => load(true));

  // ---- add ----
  const aLogin = h('input', { type: 'text', id: 'new-login', maxlength: 64, pattern: '[a-z0-9._\\-]+', required: true, autocapitalize: 'none', spellcheck: 'false', autocomplete: 'off' });
  const aName = h('input', { type: 'text', id: 'new-name', maxlength: 200, required: true, autocomplete: 'off' });
  const aUnit = h('input', { type: 'text', id: 'new-unit', maxlength: 64, required: true, autocapitalize: 'characters', autocomplete: 'off' });
  const aPw = h('input', { type: 'password', id: 'new-password', minlength: MIN_PASSWORD, maxlength: MAX_PASSWORD, required: true, autocomplete: 'new-password' });
  const aRoles = roleChecks(ROLES, ['officer'], roleLabel, 'new-role');
  const addStatus = statusLine();
  const addForm = h('form.panel.add-user', { id: 'add-user', novalidate: true, 'aria-labelledby': 'add-user-title' },
    h('h2', { id: 'add-user-title' }, t('users.add')),
    h('div.grid2', null,
      field(t('users.login'), aLogin, t('users.login_hint')).row,
      field(t('users.full_name'), aName).row,
      field(t('users.unit_code'), aUnit, t('users.unit_hint')).row,
      field(t('users.password'), aPw, t('users.password_hint', { n: MIN_PASSWORD })).row),
    aRoles.el,
    h('div.buttons', null, h('button.primary', { type: 'submit' }, t('users.add_submit'))),
    addStatus.el);
  addForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { login: aLogin.value.trim(), full_name: aName.value.trim(), unit: aUnit.value.trim(),
      roles: aRoles.get(), password: aPw.value };
    const missing = [];
    if (!/^[a-z0-9._-]{1,64}$/.test(body.login)) missing.push(`${t('users.login')}: ${t('users.login_hint')}`);
    if (!body.full_name) missing.push(t('users.full_name'));
    if (!body.unit) missing.push(t('users.unit_code'));
    if (body.password.length < MIN_PASSWORD) missing.push(t('users.password'));
    if (!body.roles.length) missing.push(t('users.roles'));
    if (missing.length) { addStatus.error({ status: 400, message: missing.join(', ') }); return; }
    busy(addForm, async () => {
      try {
        const u = await api.post('/api/v1/users', body);
        addStatus.ok(t('users.added', { login: (u && u.login) || body.login }));
        addForm.reset();
        state.q = ''; state.unit = ''; state.role = ''; state.disabled = '';
        qIn.value = ''; unitIn.value = ''; roleIn.value = ''; disIn.value = '';
        router.replaceParams({});
        await load(false);
      } catch (err) { addStatus.error(err); }
    });
  });

  load(false);
  return h('section.page.admin', null,
    h('h1', null, t('admin.title')),
    adminTabs('/admin/users'),
    status.el,
    h('h2', null, t('admin.users')),
    filter,
    listBox,
    more,
    addForm);
}

