// cases.js: case files. Three routes:
//   #/cases        the list (query country, unit, category, status, from, to, q),
//                  newest pages on demand with the server's cursor;
//   #/cases/view   one case (query country, ref) with its persons and
//                  seizures, and for officers in scope an edit panel (status,
//                  category, summary, place; add a person or a seizure) and
//                  a remove button, confirmed in place, on each person and
//                  seizure;
//   #/cases/new    a new case of the officer's unit.
// Codes are shown with their labels in the user's language (vocab.js). The
// server decides scope: a case out of scope is "not found".

import { api, qs, enc } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, mount, field, isoDate } from '../dom.js';
import * as router from '../router.js';
import { errorBox, statusLine, busy, confirmButton } from '../ui.js';
import { vocab, label, options, fmtInt, fmtDec } from '../vocab.js';

function canWrite(user) {
  return (user.roles || []).some((r) => r === 'officer' || r === 'supervisor');
}

function select(id, opts, value, blank) {
  return h('select', { id },
    blank !== undefined ? h('option', { value: '' }, blank) : null,
    opts.map((o) => h('option', { value: o.value, selected: o.value === value }, o.text)));
}

function caseHref(c) {
  return router.href('/cases/view', { country: c.country, ref: c.ref });
}

// ---- list ----

export async function render({ params, user }) {
  const v = await vocab();
  const state = {};
  for (const k of ['country', 'unit', 'category', 'status', 'from', 'to', 'q']) state[k] = params.get(k) || '';
  let cursor = null;

  const countryIn = select('cases-country', [{ value: 'VNM', text: t('country.VNM') }, { value: 'LAO', text: t('country.LAO') }],
    state.country, t('cases.any'));
  const unitIn = h('input', { type: 'text', id: 'cases-unit', value: state.unit, maxlength: 32, autocapitalize: 'characters', autocomplete: 'off' });
  const catIn = select('cases-category', [{ value: 'drugs', text: t('stats.drug_categories') }, ...options(v, 'categories')],
    state.category, t('cases.any'));
  const statusIn = select('cases-status', options(v, 'statuses'), state.status, t('cases.any'));
  const fromIn = h('input', { type: 'date', id: 'cases-from', value: state.from });
  const toIn = h('input', { type: 'date', id: 'cases-to', value: state.to });
  const qIn = h('input', { type: 'search', id: 'cases-q', value: state.q, maxlength: 100, autocomplete: 'off' });

  const tbody = h('tbody');
  const table = h('table.users.cases', { id: 'cases-table' },
    h('thead', null, h('tr', null,
      h('th', null, t('cases.ref')), h('th', null, t('cases.opened')), h('th', null, t('cases.unit')),
      h('th', null, t('cases.category')), h('th', null, t('cases.status')), h('th', null, t('cases.suspects')))),
    tbody);
  const more = h('button', { type: 'button', id: 'cases-more', hidden: true, onclick: () => load(true) }, t('common.more'));
  const msg = h('div.status', { 'aria-live': 'polite' });
  const count = h('p.muted', { id: 'cases-count' });

  function row(c) {
    return h('tr', { dataset: { ref: c.ref } },
      h('td', { 'data-label': t('cases.ref') }, h('a', { href: caseHref(c) }, c.ref)),
      h('td', { 'data-label': t('cases.opened') }, formatDate(c.opened)),
      h('td', { 'data-label': t('cases.unit') }, c.unit),
      h('td', { 'data-label': t('cases.category') }, label(v, 'categories', c.category)),
      h('td', { 'data-label': t('cases.status') }, label(v, 'statuses', c.status)),
      h('td.num', { 'data-label': t('cases.suspects') }, fmtInt(c.suspects)));
  }

  async function load(append) {
    msg.replaceChildren();
    if (!append) { tbody.replaceChildren(); cursor = null; }
    try {
      const r = await api.get(qs('/api/v1/cases', { ...state, cursor: append ? cursor : null, limit: 50 }));
      for (const c of r.items) tbody.appendChild(row(c));
      cursor = r.next_cursor;
      more.hidden = !cursor;
      count.textContent = tbody.children.length ? t('cases.shown', { n: fmtInt(tbody.children.length) }) : t('cases.none');
    } catch (e) {
      msg.replaceChildren(errorBox(e));
    }
  }

  const form = h('form.filters', { role: 'search', id: 'cases-filter', onsubmit: (e) => {
    e.preventDefault();
    Object.assign(state, {
      country: countryIn.value, unit: unitIn.value.trim().toUpperCase(), category: catIn.value,
      status: statusIn.value, from: fromIn.value, to: toIn.value, q: qIn.value.trim(),
    });
    router.replaceParams(state);
    load(false);
  } },
  field(t('cases.search'), qIn, t('cases.search_hint')).row,
  field(t('stats.country'), countryIn).row,
  field(t('cases.unit'), unitIn).row,
  field(t('cases.category'), catIn).row,
  field(t('cases.status'), statusIn).row,
  field(t('stats.from'), fromIn).row,
  field(t('stats.to'), toIn).row,
  h('button', { type: 'submit' }, t('common.filter')));

  load(false);
  return h('section.page.cases', null,
    h('h1', null, t('nav.cases')),
    h('div.buttons.page-actions', null,
      canWrite(user) ? h('a.button.primary', { href: '#/cases/new', id: 'cases-new' }, t('cases.new')) : null,
      h('a.button', { href: '#/persons', id: 'cases-persons' }, t('persons.title'))),
    form, msg, count, table, more);
}

// ---- one case ----

// remove(path, question, id): a remove button for one row, or null when
// the user may not change the case.
function personsTable(v, persons, remove) {
  if (!persons.length) return h('p.muted', null, t('cases.no_persons'));
  return h('table.users.persons', { id: 'case-persons' },
    h('thead', null, h('tr', null, h('th', null, t('persons.name')), h('th', null, t('persons.role')),
      h('th', null, t('persons.birth_date')), h('th', null, t('persons.sex')), h('th', null, t('persons.nationality')),
      remove ? h('th', null, t('cases.actions')) : null)),
    h('tbody', null, persons.map((p, i) => h('tr', { dataset: { person: p.person_id, role: p.role } },
      h('td', { 'data-label': t('persons.name') }, p.full_name),
      h('td', { 'data-label': t('persons.role') }, label(v, 'roles', p.role)),
      h('td', { 'data-label': t('persons.birth_date') }, p.birth_date || '—'),
      h('td', { 'data-label': t('persons.sex') }, label(v, 'sexes', p.sex)),
      h('td', { 'data-label': t('persons.nationality') }, p.nationality || '—'),
      remove ? h('td', { 'data-label': t('cases.actions') },
        remove(qs(`persons/${enc(p.person_id)}`, { role: p.role }),
          t('cases.remove_person_q', { name: p.full_name, role: label(v, 'roles', p.role) }), `remove-person-${i}`))
        : null))));
}

function seizuresTable(v, seizures, remove) {
  if (!seizures.length) return h('p.muted', null, t('cases.no_seizures'));
  return h('table.users.seizures', { id: 'case-seizures' },
    h('thead', null, h('tr', null, h('th', null, t('seizures.drug')), h('th', null, t('seizures.quantity')),
      remove ? h('th', null, t('cases.actions')) : null)),
    h('tbody', null, seizures.map((s, i) => {
      const what = `${label(v, 'drugs', s.drug)}, ${fmtDec(Number(s.quantity), 6)} ${label(v, 'units', s.unit)}`;
      return h('tr', { dataset: { seizure: String(s.id) } },
        h('td', { 'data-label': t('seizures.drug') }, label(v, 'drugs', s.drug)),
        h('td.num', { 'data-label': t('seizures.quantity') },
          `${fmtDec(Number(s.quantity), 6)} ${label(v, 'units', s.unit)}`),
        remove ? h('td', { 'data-label': t('cases.actions') },
          remove(`seizures/${enc(String(s.id))}`, t('cases.remove_seizure_q', { what }), `remove-seizure-${i}`))
          : null);
    })));
}

// Inputs for one person, as the API takes it.
function personInputs(v, prefix) {
  const name = h('input', { type: 'text', id: `${prefix}-name`, maxlength: 200 });
  const role = select(`${prefix}-role`, options(v, 'roles'), 'suspect');
  const birth = h('input', { type: 'text', id: `${prefix}-birth`, maxlength: 10, placeholder: 'YYYY-MM-DD', inputmode: 'numeric' });
  const sex = select(`${prefix}-sex`, options(v, 'sexes'), 'U');
  const nat = h('input', { type: 'text', id: `${prefix}-nat`, maxlength: 3, autocapitalize: 'characters', placeholder: 'VNM' });
  return {
    rows: [field(t('persons.name'), name).row, field(t('persons.role'), role).row,
      field(t('persons.birth_date'), birth, t('persons.birth_hint')).row, field(t('persons.sex'), sex).row,
      field(t('persons.nationality'), nat).row],
    empty: () => !name.value.trim(),
    value: () => {
      const p = { full_name: name.value.trim(), role: role.value, sex: sex.value };
      if (birth.value.trim()) p.birth_date = birth.value.trim();
      if (nat.value.trim()) p.nationality = nat.value.trim().toUpperCase();
      return p;
    },
  };
}

function seizureInputs(v, prefix) {
  const drug = select(`${prefix}-drug`, options(v, 'drugs'), 'heroin');
  const qty = h('input', { type: 'text', id: `${prefix}-qty`, inputmode: 'decimal', maxlength: 20 });
  const unit = h('select', { id: `${prefix}-unit` });
  function fillUnits() {
    const d = (v.drugs || []).find((x) => x.code === drug.value);
    mount(unit, ((d && d.units) || []).map((u) => h('option', { value: u }, label(v, 'units', u))));
  }
  drug.addEventListener('change', fillUnits);
  fillUnits();
  return {
    rows: [field(t('seizures.drug'), drug).row, field(t('seizures.quantity'), qty).row, field(t('seizures.unit'), unit).row],
    empty: () => !qty.value.trim(),
    value: () => ({ drug: drug.value, quantity: Number(qty.value.trim().replace(',', '.')), unit: unit.value }),
  };
}

function editPanel(v, c, onSaved) {
  const local = statusLine();
  const status = select('edit-status', options(v, 'statuses'), c.status);
  const category = select('edit-category', options(v, 'categories'), c.category);
  const summary = h('textarea', { id: 'edit-summary', rows: 3, maxlength: 4000 }, c.summary || '');
  const place = h('input', { type: 'text', id: 'edit-place', value: c.place_text || '', maxlength: 256 });
  const person = personInputs(v, 'add-person');
  const seizure = seizureInputs(v, 'add-seizure');
  const form = h('form.panel', { id: 'case-edit', novalidate: true },
    h('h2', null, t('cases.edit')),
    h('div.grid2', null, field(t('cases.status'), status).row, field(t('cases.category'), category).row),
    field(t('cases.summary'), summary).row,
    field(t('cases.place'), place).row,
    h('fieldset.roles', null, h('legend', null, t('cases.add_person')), h('div.grid3', null, person.rows)),
    h('fieldset.roles', null, h('legend', null, t('cases.add_seizure')), h('div.grid3', null, seizure.rows)),
    h('div.buttons', null, h('button.primary', { type: 'submit' }, t('common.save'))),
    local.el);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {};
    if (status.value !== c.status) body.status = status.value;
    if (category.value !== c.category) body.category = category.value;
    if (summary.value !== (c.summary || '')) body.summary = summary.value;
    if (place.value.trim() !== (c.place_text || '')) body.place_text = place.value.trim();
    if (!person.empty()) body.add_persons = [person.value()];
    if (!seizure.empty()) body.add_seizures = [seizure.value()];
    if (!Object.keys(body).length) { local.ok(t('common.no_change')); return; }
    busy(form, async () => {
      try {
        const nc = await api.patch(`/api/v1/cases/${enc(c.country)}/${enc(c.ref)}`, body);
        onSaved(nc);
      } catch (err) {
        local.error(err);
      }
    });
  });
  return form;
}

export async function renderView({ params, user }) {
  const v = await vocab();
  const country = params.get('country') || '';
  const ref = params.get('ref') || '';
  const page = h('section.page.case-view');
  async function draw(c, saved) {
    const removed = statusLine();
    // Removing answers the case as it now is, which is drawn again.
    const remove = canWrite(user) ? (path, question, id) => confirmButton({
      label: t('common.remove'), question, yes: t('cases.remove_yes'), id,
      onConfirm: async () => {
        try {
          const nc = await api.del(`/api/v1/cases/${enc(c.country)}/${enc(c.ref)}/${path}`);
          draw(nc, t('cases.removed'));
        } catch (err) {
          removed.error(err);
        }
      },
    }) : null;
    mount(page,
      h('p', null, h('a', { href: '#/cases' }, `← ${t('nav.cases')}`)),
      h('h1', { id: 'case-title' }, `${t('cases.case')} ${c.ref}`),
      saved ? h('div.alert.ok', { role: 'status', id: 'case-saved' }, saved === true ? t('common.saved') : saved) : null,
      removed.el,
      h('dl.facts', { id: 'case-facts' },
        h('dt', null, t('cases.opened')), h('dd', null, formatDate(c.opened)),
        h('dt', null, t('stats.country')), h('dd', null, t(`country.${c.country}`)),
        h('dt', null, t('cases.unit')), h('dd', null, c.unit),
        h('dt', null, t('cases.category')), h('dd', { id: 'case-category' }, label(v, 'categories', c.category)),
        h('dt', null, t('cases.status')), h('dd', { id: 'case-status' }, label(v, 'statuses', c.status)),
        h('dt', null, t('cases.summary')), h('dd', null, c.summary || '—'),
        h('dt', null, t('cases.place')), h('dd', null, [c.place_unit, c.place_text].filter(Boolean).join(' · ') || '—'),
        h('dt', null, t('cases.suspects')), h('dd', null, `${fmtInt(c.suspects)} (${t('stats.foreign')}: ${fmtInt(c.foreign_suspects)})`)),
      h('h2', null, t('cases.persons')), personsTable(v, c.persons || [], remove),
      h('h2', null, t('cases.seizures')), seizuresTable(v, c.seizures || [], remove),
      canWrite(user) ? editPanel(v, c, (nc) => draw(nc, true)) : null);
  }
  try {
    await draw(await api.get(`/api/v1/cases/${enc(country)}/${enc(ref)}`), false);
  } catch (e) {
    mount(page, h('p', null, h('a', { href: '#/cases' }, `← ${t('nav.cases')}`)), errorBox(e));
  }
  return page;
}

// ---- new case ----

export async function renderNew({ user }) {
  const v = await vocab();
  if (!canWrite(user)) return h('section.page', null, h('h1', null, t('denied.title')), h('p', null, t('cases.need_officer')));
  const unitCode = (user.unit && user.unit.code) || '';
  const country = unitCode.startsWith('LA-') ? 'LAO' : 'VNM';
  const local = statusLine();
  const ref = h('input', { type: 'text', id: 'new-ref', maxlength: 64, required: true,
    value: `${unitCode}-${isoDate().slice(0, 4)}-` });
  const unit = h('input', { type: 'text', id: 'new-unit', value: unitCode, maxlength: 32, autocapitalize: 'characters', required: true });
  const category = select('new-category', options(v, 'categories'), 'drug_trafficking');
  const opened = h('input', { type: 'date', id: 'new-opened', value: isoDate(), required: true });
  const status = select('new-status', options(v, 'statuses'), 'open');
  const summary = h('textarea', { id: 'new-summary', rows: 3, maxlength: 4000 });
  const place = h('input', { type: 'text', id: 'new-place', maxlength: 256 });
  const persons = [];
  const seizures = [];
  const personsBox = h('div.parts');
  const seizuresBox = h('div.parts');
  function addPerson() {
    const p = personInputs(v, `new-person-${persons.length}`);
    persons.push(p);
    personsBox.appendChild(h('fieldset.roles', null, h('legend', null, `${t('cases.person')} ${persons.length}`), h('div.grid3', null, p.rows)));
  }
  function addSeizure() {
    const s = seizureInputs(v, `new-seizure-${seizures.length}`);
    seizures.push(s);
    seizuresBox.appendChild(h('fieldset.roles', null, h('legend', null, `${t('cases.seizure')} ${seizures.length}`), h('div.grid3', null, s.rows)));
  }
  addPerson();
  addSeizure();
  const form = h('form.panel', { id: 'case-new', novalidate: true },
    h('div.grid2', null, field(t('cases.ref'), ref).row, field(t('cases.unit'), unit).row,
      field(t('cases.category'), category).row, field(t('cases.opened'), opened).row,
      field(t('cases.status'), status).row, field(t('cases.place'), place).row),
    field(t('cases.summary'), summary).row,
    h('h2', null, t('cases.persons')), personsBox,
    h('button', { type: 'button', onclick: addPerson }, t('cases.add_person')),
    h('h2', null, t('cases.seizures')), seizuresBox,
    h('button', { type: 'button', onclick: addSeizure }, t('cases.add_seizure')),
    h('div.buttons', null, h('button.primary', { type: 'submit', id: 'new-save' }, t('cases.create'))),
    local.el);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const u = unit.value.trim().toUpperCase();
    const body = {
      ref: ref.value.trim(), country: u.startsWith('LA-') ? 'LAO' : country, unit: u,
      category: category.value, opened: opened.value, status: status.value,
      summary: summary.value, place_text: place.value.trim(),
      persons: persons.filter((p) => !p.empty()).map((p, i) => ({ ref: `P${i + 1}`, ...p.value() })),
      seizures: seizures.filter((s) => !s.empty()).map((s) => s.value()),
    };
    busy(form, async () => {
      try {
        const c = await api.post('/api/v1/cases', body);
        router.go('/cases/view', { country: c.country, ref: c.ref });
      } catch (err) {
        local.error(err);
      }
    });
  });
  return h('section.page.case-new', null,
    h('p', null, h('a', { href: '#/cases' }, `← ${t('nav.cases')}`)),
    h('h1', null, t('cases.new')), form);
}
