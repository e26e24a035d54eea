// duplicates.js: likely duplicate persons and their merges (route
// #/persons/duplicates, query min, a, b), for supervisors and admins.
//   - the pairs the server scores (same folded name; birth date, sex and
//     nationality that agree raise the score), best first;
//   - "Compare" puts the two records side by side, above the list: every name with its
//     script, birth date, sex, nationality, documents and the cases each
//     takes part in (only those the user may read), with the rows that
//     differ marked;
//   - merging is asked for in place, in either direction; the log below
//     lists every merge with an undo button while it holds.
// The server decides who may do what; a refusal shows as its error.

import { api, qs } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, mount, field } from '../dom.js';
import * as router from '../router.js';
import { errorBox, statusLine, confirmButton, badge } from '../ui.js';
import { vocab, label, fmtInt } from '../vocab.js';

const SCORES = [50, 60, 70, 80, 90, 100];
const PAGE = 50;          // pairs drawn at a time
const AGREE = { name: 'dup.agree_name', 'birth date': 'dup.agree_birth_date', nationality: 'dup.agree_nationality', sex: 'dup.agree_sex' };

export function mayMerge(user) {
  return (user.roles || []).some((r) => r === 'supervisor' || r === 'admin');
}

// The server's "same name, birth date, sex" in the user's language.
function agreeing(why) {
  return String(why || '').replace(/^same /, '').split(', ').filter(Boolean)
    .map((w) => (AGREE[w] ? t(AGREE[w]) : w)).join(', ');
}

function caseLink(c) {
  return h('a', { href: router.href('/cases/view', { country: c.country, ref: c.ref }) }, c.ref);
}

// One cell of the comparison for record p.
function namesCell(p) {
  return h('ul.plain', null, p.names.map((n) => h('li', null, n.name,
    n.script ? h('span.muted', null, ` (${n.script})`) : null,
    n.alias ? [' ', badge('demo', t('dup.alias'))] : null)));
}

function docsCell(p) {
  if (!p.documents.length) return h('span.muted', null, t('dup.no_documents'));
  return h('ul.plain', null, p.documents.map((d) => h('li', null, `${d.type} ${d.number}${d.country ? ` (${d.country})` : ''}`)));
}

function casesCell(v, p) {
  if (!p.cases.length) return h('span.muted', null, t('dup.no_cases'));
  return h('ul.plain', null, p.cases.map((c) => h('li', null, caseLink(c), ' · ',
    formatDate(c.opened), ' · ', label(v, 'roles', c.role))));
}

function compareTable(v, a, b) {
  const rows = [
    [t('dup.names'), namesCell, (p) => p.names.map((n) => n.name).sort().join('|')],
    [t('persons.birth_date'), (p) => p.birth_date || '—', (p) => p.birth_date],
    [t('persons.sex'), (p) => label(v, 'sexes', p.sex), (p) => p.sex],
    [t('persons.nationality'), (p) => p.nationality || '—', (p) => p.nationality],
    [t('dup.documents'), docsCell, (p) => p.documents.map((d) => d.number).sort().join('|')],
    [t('dup.cases'), (p) => casesCell(v, p), () => ''],
  ];
  return h('table.users.compare', { id: 'dup-compare' },
    h('thead', null, h('tr', null, h('th', null, ''),
      h('th', { scope: 'col' }, `${t('dup.record_a')}: ${a.full_name}`),
      h('th', { scope: 'col' }, `${t('dup.record_b')}: ${b.full_name}`))),
    h('tbody', null, rows.map(([name, cell, key], i) => {
      const differs = i < rows.length - 1 && key(a) !== key(b);
      return h('tr', { class: differs ? 'differs' : null, dataset: { row: String(i) } },
        h('th', { scope: 'row' }, name, differs ? h('span.badge.badge-ended', null, t('dup.differs')) : null),
        h('td', { 'data-label': t('dup.record_a') }, cell(a)),
        h('td', { 'data-label': t('dup.record_b') }, cell(b)));
    })));
}

export async function render({ params, user }) {
  const page = h('section.page.duplicates');
  if (!mayMerge(user)) {
    return mount(page, h('h1', null, t('dup.title')), h('p', null, t('dup.need_supervisor')));
  }
  const v = await vocab();
  let min = Number(params.get('min')) || 60;
  if (!SCORES.includes(min)) min = 60;
  let pick = params.get('a') && params.get('b') ? { a: params.get('a'), b: params.get('b') } : null;

  const minIn = h('select', { id: 'dup-min' }, SCORES.map((s) => h('option', { value: String(s), selected: s === min }, String(s))));
  const list = h('div', { id: 'dup-pairs', 'aria-live': 'polite' });
  const compare = h('div', { id: 'dup-compare-box' });
  const log = h('div', { id: 'dup-log' });
  const outcome = statusLine();

  function keep() {
    router.replaceParams({ min, a: pick && pick.a, b: pick && pick.b });
  }

  async function loadPairs() {
    mount(list, h('p.muted', null, t('common.loading')));
    try {
      const r = await api.get(qs('/api/v1/persons/duplicates', { min_score: min }));
      if (!r.items.length) { mount(list, h('p.muted', null, t('dup.none'))); return; }
      const tbody = h('tbody');
      const count = h('p.muted');
      const more = h('button', { type: 'button', id: 'dup-more' }, t('common.more'));
      // A page at a time: a big node may list hundreds of pairs.
      const addRows = () => {
        const from = tbody.children.length;
        r.items.slice(from, from + PAGE).forEach((p, k) => tbody.appendChild(h('tr', { dataset: { a: p.a, b: p.b } },
          h('td.num', { 'data-label': t('dup.score') }, badge(p.score >= 90 ? 'border' : 'ended', String(p.score))),
          h('td', { 'data-label': t('persons.name') }, h('strong', null, p.name)),
          h('td', { 'data-label': t('dup.agree') }, agreeing(p.why)),
          h('td', null, h('button.small', { type: 'button', id: `dup-compare-${from + k}`,
            onclick: () => { pick = { a: p.a, b: p.b }; keep(); showPair(); } }, t('dup.compare'))))));
        count.textContent = t('dup.shown', { n: `${fmtInt(tbody.children.length)} / ${fmtInt(r.items.length)}` });
        more.hidden = tbody.children.length >= r.items.length;
      };
      more.addEventListener('click', addRows);
      addRows();
      mount(list, count,
        h('table.users.pairs', { id: 'dup-table' },
          h('thead', null, h('tr', null, h('th', null, t('dup.score')), h('th', null, t('persons.name')),
            h('th', null, t('dup.agree')), h('th', null, ''))),
          tbody), more);
    } catch (e) {
      mount(list, errorBox(e));
    }
  }

  async function merge(survivor, merged) {
    try {
      await api.post('/api/v1/persons/merge', { survivor: survivor.id, merged: merged.id });
      pick = null;
      keep();
      mount(compare);
      outcome.ok(t('dup.merged'));
      await Promise.all([loadPairs(), loadLog()]);
    } catch (e) {
      outcome.error(e);
    }
  }

  function mergeButton(id, text, survivor, merged) {
    return confirmButton({
      id, label: text, yes: t('dup.merge_yes'),
      question: t('dup.merge_q', { merged: merged.full_name, survivor: survivor.full_name }),
      onConfirm: () => merge(survivor, merged),
    });
  }

  async function showPair() {
    outcome.clear();
    if (!pick) { mount(compare); return; }
    mount(compare, h('p.muted', null, t('common.loading')));
    try {
      const [a, b] = await Promise.all([api.get(`/api/v1/persons/${encodeURIComponent(pick.a)}`),
        api.get(`/api/v1/persons/${encodeURIComponent(pick.b)}`)]);
      const merged = a.merged_into || b.merged_into;
      mount(compare, h('div.panel', { id: 'dup-pair' },
        h('h2', null, `${t('dup.compare')}: ${a.full_name} · ${b.full_name}`),
        compareTable(v, a, b),
        merged ? h('p.muted', null, t('dup.merged_into'))
          : h('div.buttons', null,
            mergeButton('dup-keep-a', t('dup.keep_a'), a, b),
            mergeButton('dup-keep-b', t('dup.keep_b'), b, a))));
      compare.scrollIntoView({ block: 'start' });
    } catch (e) {
      mount(compare, errorBox(e));
    }
  }

  async function loadLog() {
    try {
      const r = await api.get(qs('/api/v1/persons/merges', { limit: 100 }));
      if (!r.items.length) { mount(log, h('p.muted', null, t('dup.log_none'))); return; }
      mount(log, h('table.users.merges', { id: 'dup-log-table' },
        h('thead', null, h('tr', null, h('th', null, t('dup.at')), h('th', null, t('dup.by')),
          h('th', null, t('dup.survivor')), h('th', null, t('dup.merged_rec')), h('th', null, t('dup.state')))),
        h('tbody', null, r.items.map((m, i) => h('tr', { dataset: { merge: m.id } },
          h('td', { 'data-label': t('dup.at') }, formatDate(m.at.slice(0, 10)), ' ', m.at.slice(11, 16)),
          h('td', { 'data-label': t('dup.by') }, m.actor.replace(/^user:/, '')),
          h('td', { 'data-label': t('dup.survivor') }, m.survivor_name || m.survivor),
          h('td', { 'data-label': t('dup.merged_rec') }, m.merged_name || m.merged),
          h('td', { 'data-label': t('dup.state') }, m.undone_at
            ? h('span.muted', null, t('dup.undone', { at: formatDate(m.undone_at.slice(0, 10)) }))
            : [badge('ok', t('dup.in_force')), ' ', confirmButton({
              id: `dup-unmerge-${i}`, label: t('dup.unmerge'), yes: t('dup.unmerge_yes'),
              question: t('dup.unmerge_q'),
              onConfirm: async () => {
                try {
                  await api.post('/api/v1/persons/unmerge', { merge_id: m.id });
                  outcome.ok(t('dup.unmerged'));
                  await Promise.all([loadPairs(), loadLog()]);
                } catch (e) {
                  outcome.error(e);
                }
              },
            })]))))));
    } catch (e) {
      mount(log, errorBox(e));
    }
  }

  const form = h('form.filters', { id: 'dup-filter', onsubmit: (e) => {
    e.preventDefault();
    min = Number(minIn.value);
    keep();
    loadPairs();
  } }, field(t('dup.min_score'), minIn).row, h('button', { type: 'submit' }, t('common.filter')));

  loadPairs();
  showPair();
  loadLog();
  return mount(page,
    h('p', null, h('a', { href: '#/persons' }, `← ${t('persons.title')}`)),
    h('h1', null, t('dup.title')),
    h('p.muted', null, t('dup.intro')),
    outcome.el, form, compare, list,
    h('h2', null, t('dup.log')), log);
}
