// persons.js: persons named in case files (route #/persons, query q): a
// search by name in any script, with or without Vietnamese diacritics
// ("nguyen van" finds "Nguyễn Văn An", Lao names in Lao script). The
// server folds the query; every search is recorded in the audit log.

import { api, qs } from '../api.js';
import { t } from '../i18n.js';
import { h, mount, field } from '../dom.js';
import * as router from '../router.js';
import { errorBox } from '../ui.js';
import { vocab, label, fmtInt } from '../vocab.js';
import { mayMerge } from './duplicates.js';

export async function render({ params, user }) {
  const v = await vocab();
  let q = params.get('q') || '';
  const qIn = h('input', { type: 'search', id: 'persons-q', value: q, maxlength: 200, autocomplete: 'off', required: true });
  const results = h('div', { id: 'persons-results', 'aria-live': 'polite' });

  async function search() {
    if (!q) { results.replaceChildren(); return; }
    mount(results, h('p.muted', null, t('common.loading')));
    try {
      const r = await api.get(qs('/api/v1/persons', { q }));
      if (!r.items.length) { mount(results, h('p.muted', null, t('persons.none'))); return; }
      mount(results,
        h('p.muted', null, t('persons.found', { n: fmtInt(r.items.length) })),
        h('table.users.persons', null,
          h('thead', null, h('tr', null, h('th', null, t('persons.name')), h('th', null, t('persons.other_names')),
            h('th', null, t('persons.birth_date')), h('th', null, t('persons.sex')), h('th', null, t('persons.nationality')))),
          h('tbody', null, r.items.map((p) => h('tr', null,
            h('td', { 'data-label': t('persons.name') }, h('strong', null, p.full_name)),
            h('td', { 'data-label': t('persons.other_names') },
              p.names.slice(1).map((n) => n.name).join(' · ') || '—'),
            h('td', { 'data-label': t('persons.birth_date') }, p.birth_date || '—'),
            h('td', { 'data-label': t('persons.sex') }, label(v, 'sexes', p.sex)),
            h('td', { 'data-label': t('persons.nationality') }, p.nationality || '—'))))));
    } catch (e) {
      mount(results, errorBox(e));
    }
  }

  const form = h('form.filters', { role: 'search', id: 'persons-form', onsubmit: (e) => {
    e.preventDefault();
    q = qIn.value.trim();
    router.replaceParams({ q });
    search();
  } },
  field(t('persons.search'), qIn, t('persons.search_hint')).row,
  h('button.primary', { type: 'submit' }, t('persons.find')));
  search();
  return h('section.page.persons', null,
    h('p', null, h('a', { href: '#/cases' }, `← ${t('nav.cases')}`)),
    h('h1', null, t('persons.title')),
    mayMerge(user || {}) ? h('div.buttons.page-actions', null,
      h('a.button', { href: '#/persons/duplicates', id: 'persons-duplicates' }, t('dup.title'))) : null,
    form, results);
}
