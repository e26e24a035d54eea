// admin_units.js: unit administration (route #/admin/units, query unit=CODE,
// q=TEXT): find a unit, edit its names and border flag, add or remove
// contacts, add a counterpart across the border, and add a new unit.

import { api, qs, enc } from '../api.js';
import { t, localName } from '../i18n.js';
import { h, mount, field } from '../dom.js';
import * as router from '../router.js';
import { statusLine, busy, errorBox } from '../ui.js';
import { levelLabel, countryLabel, getCountries, setCountries } from '../levels.js';
import { adminTabs } from './admin_common.js';

// The kinds the server stores (unit_contacts.kind).
const CONTACT_KINDS = ['phone', 'radio', 'email', 'hours', 'other'];

function contactKindLabel(k) {
  const labels = {
    phone: t('contact.phone'), radio: t('contact.radio'), email: t('contact.email'),
    hours: t('contact.hours'), other: t('contact.other'),
  };
  return labels[k] || k;
}

function levelOptions(country, selected) {
  const c = getCountries().find((x) => x.code === country);
  const levels = c && Array.isArray(c.levels) && c.levels.length ? c.levels
    : [0, 1, 2, 3].map((rank) => ({ rank }));
  const today = new Date().toISOString().slice(0, 10);
  return levels.filter((l) => !l.valid_to || l.valid_to >= today).map((l) => {
    const v = l.key || l.name || l.rank;
    return h('option', { value: v, selected: String(selected) === String(v) || String(selected) === String(l.rank) },
      levelLabel(country, v));
  });
}

export async function render({ params }) {
  if (!getCountries().length) {
    try { setCountries((await api.get('/api/v1/countries')).items); } catch { /* ranks only */ }
  }
  const on = params.get('on') || '';
  const status = statusLine();
  const editBox = h('div.unit-edit', { id: 'unit-edit' });
  const results = h('div.unit-results', { id: 'unit-results' });

  // ---- find ----
  const qIn = h('input', { type: 'search', id: 'units-q', value: params.get('q') || '', maxlength: 100, autocomplete: 'off' });
  async function find() {
    const q = qIn.value.trim();
    router.replaceParams({ q, unit: params.get('unit') || '' });
    if (!q) { mount(results); return; }
    mount(results, h('p.muted', null, t('common.loading')));
    try {
      const data = await api.get(qs('/api/v1/units', { q, on, limit: 50 }));
      const items = data.items || [];
      mount(results, items.length ? h('ul.results', null, items.map((u) => h('li', null,
        h('button.linkish', { type: 'button', dataset: { code: u.code }, onclick: () => open(u.code) },
          localName(u, u.country)),
        ' ', h('span.muted', null, `${countryLabel(u.country)} · ${levelLabel(u.country, u.level)} · ${u.code}`))))
        : h('p', null, t('dir.no_results')));
    } catch (e) { mount(results, errorBox(e)); }
  }
  const findForm = h('form.filters', { role: 'search', onsubmit: (e) => { e.preventDefault(); find(); } },
    field(t('units.find'), qIn).row, h('button', { type: 'submit' }, t('dir.search_go')));

  // ---- edit ----
  async function open(code) {
    router.replaceParams({ q: qIn.value.trim(), unit: code });
    mount(editBox, h('p.muted', null, t('common.loading')));
    try {
      const u = await api.get(qs(`/api/v1/units/${enc(code)}`, { on }));
      mount(editBox, editView(u));
      editBox.querySelector('h2').focus();
    } catch (e) { mount(editBox, errorBox(e)); }
  }

  function editView(u) {
    const local = statusLine();
    const nLocal = h('input', { type: 'text', id: 'name-local', value: u.name_local || '', maxlength: 200, required: true,
      lang: u.country === 'LAO' ? 'lo' : 'vi' });
    const nEn = h('input', { type: 'text', id: 'name-en', value: u.name_en || '', maxlength: 200, required: true, lang: 'en' });
    const nOther = h('input', { type: 'text', id: 'name-other', value: u.name_other || '', maxlength: 200 });
    const border = h('input', { type: 'checkbox', id: `border-${u.code}`, checked: !!u.border });
    const borderFrom = h('input', { type: 'date', value: u.border_from || '' });
    // Name, parent and border changes start a new period on this date; the
    // directory keeps the old values before it.
    const from = h('input', { type: 'date', id: `from-${u.code}` });
    const form = h('form.panel', { id: 'unit-edit-form', novalidate: true },
      h('h3', null, t('units.names')),
      h('div.grid3', null,
        field(t('units.name_local'), nLocal).row,
        field(t('units.name_en'), nEn).row,
        field(t('units.name_other'), nOther).row),
      h('div.grid3', null,
        h('div.field.check-row', null, h('label.check', { for: border.id }, border, ' ', t('units.border'))),
        field(t('units.border_from'), borderFrom).row,
        field(t('units.change_from'), from, t('units.change_from_hint')).row),
      h('div.buttons', null, h('button.primary', { type: 'submit' }, t('common.save'))),
      local.el);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = {};
      if (nLocal.value.trim() !== (u.name_local || '')) body.name_local = nLocal.value.trim();
      if (nEn.value.trim() !== (u.name_en || '')) body.name_en = nEn.value.trim();
      if (nOther.value.trim() !== (u.name_other || '')) body.name_other = nOther.value.trim() || null;
      if (border.checked !== !!u.border) body.border = border.checked;
      if ((borderFrom.value || '') !== (u.border_from || '')) body.border_from = borderFrom.value || null;
      if (!Object.keys(body).length) { local.ok(t('common.no_change')); return; }
      if (from.value) body.from = from.value;
      busy(form, async () => {
        try {
          const nu = await api.patch(`/api/v1/units/${enc(u.code)}`, body);
          Object.assign(u, nu && nu.code ? nu : body);
          local.ok(t('common.saved'));
        } catch (err) { local.error(err); }
      });
    });

    // contacts
    const contactList = h('ul.contacts.editable');
    const contacts = Array.isArray(u.contacts) ? [...u.contacts] : [];
    const cStatus = statusLine();
    function drawContacts() {
      mount(contactList, contacts.length ? contacts.map((c) => h('li.contact', null,
        h('span.contact-kind', null, contactKindLabel(c.kind)), h('span', null, c.value),
        c.note ? h('span.contact-note', null, c.note) : null,
        h('button.small', { type: 'button', 'aria-label': t('units.remove_contact', { value: c.value }),
          onclick: async (ev) => {
            ev.target.disabled = true;
            try {
              await api.del(`/api/v1/units/${enc(u.code)}/contacts/${enc(c.id)}`);
              contacts.splice(contacts.indexOf(c), 1);
              drawContacts();
              cStatus.ok(t('common.saved'));
            } catch (err) { ev.target.disabled = false; cStatus.error(err); }
          } }, t('common.remove'))))
        : h('li.muted', null, t('dir.no_contacts')));
    }
    drawContacts();
    const cKind = h('select', null, CONTACT_KINDS.map((k) => h('option', { value: k }, contactKindLabel(k))));
    const cValue = h('input', { type: 'text', maxlength: 256, required: true });
    const cNote = h('input', { type: 'text', maxlength: 256 });
    const cForm = h('form.panel', { id: 'contact-add', novalidate: true },
      h('h3', null, t('dir.contacts')),
      contactList,
      h('div.grid3', null, field(t('units.contact_kind'), cKind).row, field(t('units.contact_value'), cValue).row,
        field(t('units.contact_note'), cNote).row),
      h('div.buttons', null, h('button', { type: 'submit' }, t('units.add_contact'))),
      cStatus.el);
    cForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!cValue.value.trim()) { cStatus.error({ status: 400, message: t('units.contact_value') }); return; }
      busy(cForm, async () => {
        try {
          const c = await api.post(`/api/v1/units/${enc(u.code)}/contacts`,
            { kind: cKind.value, value: cValue.value.trim(), note: cNote.value.trim() || undefined });
          contacts.push(c && c.id !== undefined ? c : { kind: cKind.value, value: cValue.value.trim(), note: cNote.value.trim() });
          cValue.value = ''; cNote.value = '';
          drawContacts();
          cStatus.ok(t('common.saved'));
        } catch (err) { cStatus.error(err); }
      });
    });

    // counterparts
    const cps = Array.isArray(u.counterparts) ? [...u.counterparts] : [];
    const cpList = h('ul.counterparts');
    const drawCps = () => mount(cpList, cps.length ? cps.map((c) => h('li', null, localName(c, c.country), ' ',
      h('span.muted', null, `${countryLabel(c.country)} · ${c.code}`))) : h('li.muted', null, t('dir.no_counterparts')));
    drawCps();
    const cpCode = h('input', { type: 'text', id: 'counterpart-code', maxlength: 64, required: true, autocapitalize: 'characters' });
    const cpStatus = statusLine();
    const cpForm = h('form.panel', { id: 'counterpart-add', novalidate: true },
      h('h3', null, t('dir.counterparts')), cpList,
      field(t('units.counterpart_code'), cpCode).row,
      h('div.buttons', null, h('button', { type: 'submit' }, t('units.add_counterpart'))),
      cpStatus.el);
    cpForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!cpCode.value.trim()) return;
      busy(cpForm, async () => {
        try {
          const r = await api.post(`/api/v1/units/${enc(u.code)}/counterparts`, { code: cpCode.value.trim() });
          const added = r && r.counterparts ? null : r;
          if (r && Array.isArray(r.counterparts)) { cps.splice(0, cps.length, ...r.counterparts); }
          else cps.push(added && added.code ? added : { code: cpCode.value.trim() });
          cpCode.value = '';
          drawCps();
          cpStatus.ok(t('common.saved'));
        } catch (err) { cpStatus.error(err); }
      });
    });

    return h('article.panel-group', { 'aria-labelledby': 'unit-edit-title' },
      h('h2', { id: 'unit-edit-title', tabindex: '-1' }, localName(u, u.country), ' ',
        h('span.muted', null, `${countryLabel(u.country)} · ${levelLabel(u.country, u.level)} · ${u.code}`)),
      h('p', null, h('a', { href: router.href('/directory', { country: u.country, unit: u.code, on }) }, t('units.view_in_directory'))),
      form, cForm, cpForm);
  }

  // ---- add ----
  const aCountry = h('select', { id: 'unit-country' }, ['VNM', 'LAO'].map((c) => h('option', { value: c }, countryLabel(c))));
  const aLevel = h('select', { id: 'unit-level' }, levelOptions('VNM', 'province'));
  aCountry.addEventListener('change', () => mount(aLevel, levelOptions(aCountry.value, 'province')));
  const aCode = h('input', { type: 'text', id: 'unit-code', maxlength: 64, required: true, autocapitalize: 'characters' });
  const aParent = h('input', { type: 'text', id: 'unit-parent', maxlength: 64, autocapitalize: 'characters' });
  const aLocal = h('input', { type: 'text', id: 'unit-name-local', maxlength: 200, required: true });
  const aEn = h('input', { type: 'text', id: 'unit-name-en', maxlength: 200, required: true });
  const aBorder = h('input', { type: 'checkbox', id: 'unit-border' });
  const aFrom = h('input', { type: 'date' });
  const addStatus = statusLine();
  const addForm = h('form.panel', { id: 'unit-add', novalidate: true, 'aria-labelledby': 'unit-add-title' },
    h('h2', { id: 'unit-add-title' }, t('units.add')),
    h('div.grid2', null,
      field(t('units.country'), aCountry).row,
      field(t('units.level'), aLevel).row,
      field(t('units.code'), aCode).row,
      field(t('units.parent_code'), aParent).row,
      field(t('units.name_local'), aLocal).row,
      field(t('units.name_en'), aEn).row,
      field(t('units.valid_from'), aFrom).row),
    h('div.field.check-row', null, h('label.check', { for: aBorder.id }, aBorder, ' ', t('units.border'))),
    h('div.buttons', null, h('button.primary', { type: 'submit' }, t('units.add_submit'))),
    addStatus.el);
  addForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const lv = aLevel.value;
    const body = {
      code: aCode.value.trim().toUpperCase(), country: aCountry.value, level: /^\d+$/.test(lv) ? Number(lv) : lv,
      name_local: aLocal.value.trim(), name_en: aEn.value.trim(), border: aBorder.checked,
    };
    if (aParent.value.trim()) body.parent = aParent.value.trim().toUpperCase();
    if (aFrom.value) body.valid_from = aFrom.value;
    if (!body.code || !body.name_local || !body.name_en) {
      addStatus.error({ status: 400, message: [t('units.code'), t('units.name_local'), t('units.name_en')].join(', ') });
      return;
    }
    busy(addForm, async () => {
      try {
        const u = await api.post('/api/v1/units', body);
        addStatus.ok(t('units.added', { code: (u && u.code) || body.code }));
        addForm.reset();
        mount(aLevel, levelOptions(aCountry.value, 'province'));
        open((u && u.code) || body.code);
      } catch (err) { addStatus.error(err); }
    });
  });

  if (params.get('unit')) open(params.get('unit'));
  if (qIn.value) find();
  return h('section.page.admin', null,
    h('h1', null, t('admin.title')),
    adminTabs('/admin/units'),
    status.el,
    h('h2', null, t('admin.units')),
    findForm, results, editBox, addForm);
}
