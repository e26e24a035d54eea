// notices.js: notices and screening (routes #/notices, #/notices/list,
// #/notices/show?ref=R, #/notices/new, #/notices/batch).
//   - #/notices: the checkpoint page, built for a phone at a counter: name,
//     birth date, document or plate, Enter; candidates best first with the
//     score, why they matched and what to do; one tap records a hit.
//   - list, show (approve, withdraw), new (a draft), batch (a manifest CSV
//     screened on the server, results downloadable as JSON Lines).
// The server decides who may see and do what; the page only hides buttons
// a role can never use.

import { api, qs, enc } from '../api.js';
import { t } from '../i18n.js';
import { h, mount, field, isoDate } from '../dom.js';
import * as router from '../router.js';
import { statusLine, busy, errorBox, badge } from '../ui.js';

const hasRole = (user, ...roles) => !!user && (user.roles || []).some((r) => roles.includes(r));

function tabs(active, user) {
  const list = [
    { path: '/notices', label: t('ntc.tab_screen'), show: hasRole(user, 'checkpoint', 'officer', 'supervisor') },
    { path: '/notices/list', label: t('ntc.tab_list'), show: hasRole(user, 'officer', 'supervisor', 'analyst', 'checkpoint') },
    { path: '/notices/new', label: t('ntc.tab_new'), show: hasRole(user, 'officer', 'supervisor') },
    { path: '/notices/batch', label: t('ntc.tab_batch'), show: hasRole(user, 'checkpoint', 'officer', 'supervisor') },
    { path: '/notices/stats', label: t('ntc.tab_stats'), show: hasRole(user, 'checkpoint', 'analyst', 'supervisor', 'admin') },
  ];
  return h('nav.subnav', { 'aria-label': t('nav.notices') },
    list.filter((x) => x.show).map((x) => h('a', { href: `#${x.path}`, 'aria-current': x.path === active ? 'page' : null,
      class: x.path === active ? 'active' : null }, x.label)));
}

const kindLabel = (k) => t(`kind.${k}`);
const actionLabel = (a) => t(`act.${a}`);
const stateLabel = (s) => t(`state.${s}`);

function stateBadge(s) {
  return badge(s === 'active' ? 'ok' : s === 'draft' ? 'demo' : 'ended', stateLabel(s));
}

function text(v) {
  return v === null || v === undefined ? '' : String(v);
}

// ---------------------------------------------------------------- screening

function candidateCard(c, query, status, pending) {
  const hitBtn = h('button.primary', { type: 'button', dataset: { hit: c.notice } }, t('scr.record_hit'));
  const card = h('li.cand', { dataset: { notice: c.notice } },
    h('div.cand-head', null,
      h('strong.cand-score', null, t('scr.score', { score: c.score.toFixed(2) })),
      ' ', badge(c.action === 'arrest' || c.action === 'seize' ? 'border' : 'ok', actionLabel(c.action)),
      ' ', h('span.cand-kind', null, kindLabel(c.kind))),
    h('div.cand-name', null, c.full_name || c.plate || '', c.birth_date ? ` · ${c.birth_date}` : ''),
    h('div.cand-ref', null, h('a', { href: router.href('/notices/show', { ref: c.notice }) }, c.notice),
      ` · ${t('ntc.issued_by')} ${c.issuing_unit}`),
    h('div.cand-why', null, h('small', null, `${t('scr.why')}: ${c.why}`)),
    h('div.cand-actions', null, hitBtn));
  hitBtn.addEventListener('click', async () => {
    hitBtn.disabled = true;
    try {
      const r = await api.post('/api/v1/hits', { notice: c.notice, score: c.score, why: c.why, screened: query });
      const n = r.notification || {};
      status.ok(n.sent ? t('scr.hit_sent', { unit: r.issuing_unit, code: n.message || '' })
        : t('scr.hit_recorded', { unit: r.issuing_unit }));
      hitBtn.textContent = t('scr.hit_done');
      if (!n.sent && pending) pending.load();
    } catch (e) {
      hitBtn.disabled = false;
      status.error(e);
    }
  });
  return card;
}

// The hit notifications of the user's unit the hotline has not carried
// yet (the server's job retries them with a back-off; a hit the operator
// recorded waits for a user of the post): listed with a button that sends
// them now, as this user. Hidden while nothing waits.
function pendingPanel() {
  const status = statusLine();
  const list = h('ul.pending-list', { id: 'hit-pending-list' });
  const resend = h('button.primary', { type: 'button', id: 'hit-resend' }, t('scr.resend'));
  const el = h('section.hit-pending', { id: 'hit-pending', hidden: true, 'aria-labelledby': 'hit-pending-title' },
    h('h2', { id: 'hit-pending-title' }, t('scr.pending_title')), list, resend, status.el);
  const item = (p) => h('li', { dataset: { notice: p.notice } },
    h('a', { href: router.href('/notices/show', { ref: p.notice }) }, p.notice),
    ` → ${p.to} · `, t('scr.pending_item', { at: p.at.slice(0, 16).replace('T', ' '), attempts: p.attempts }),
    p.last_error ? h('div', null, h('small', null, t('scr.pending_error', { error: p.last_error }))) : null);
  async function load() {
    try {
      const r = await api.get('/api/v1/hits/pending');
      mount(list, r.items.map(item));
      el.hidden = !r.items.length && !status.el.childNodes.length;
      resend.hidden = !r.items.length;
    } catch (e) {
      // A role that may not screen never gets here; anything else is shown.
      el.hidden = false;
      status.error(e);
    }
  }
  resend.addEventListener('click', async () => {
    resend.disabled = true;
    try {
      const r = await api.post('/api/v1/hits/resend', { now: true });
      status.ok(t('scr.resend_done', { sent: r.sent, left: r.pending }));
    } catch (e) {
      status.error(e);
    } finally {
      resend.disabled = false;
    }
    await load();
  });
  load();
  return { el, load };
}

function screenPage(user) {
  const pending = pendingPanel();
  const status = statusLine();
  const results = h('div.screen-results', { id: 'screen-results', 'aria-live': 'polite' });
  const inp = (id, attrs = {}) => h('input', { type: 'text', id, autocomplete: 'off', autocapitalize: 'characters',
    spellcheck: 'false', ...attrs });
  const name = inp('scr-name', { maxlength: 200, autofocus: true });
  const birth = inp('scr-birth', { maxlength: 10, placeholder: '1985-03-12', inputmode: 'numeric' });
  const doc = inp('scr-doc', { maxlength: 32 });
  const plate = inp('scr-plate', { maxlength: 32 });
  const sex = h('select', { id: 'scr-sex' }, h('option', { value: '' }, '—'),
    h('option', { value: 'M' }, t('sex.M')), h('option', { value: 'F' }, t('sex.F')));
  const nat = inp('scr-nat', { maxlength: 3, placeholder: 'VNM' });
  const form = h('form.screen-form', { id: 'screen-form', onsubmit: async (e) => {
    e.preventDefault();
    status.clear();
    const q = { full_name: name.value.trim(), birth_date: birth.value.trim(), document_no: doc.value.trim(),
      plate: plate.value.trim(), sex: sex.value, nationality: nat.value.trim().toUpperCase() };
    for (const k of Object.keys(q)) if (!q[k]) delete q[k];
    if (!q.full_name && !q.plate) {
      mount(results, h('p.hint', null, t('scr.need')));
      return;
    }
    // Never leave the previous traveller's candidates on screen.
    mount(results, h('p.loading', null, t('common.loading')));
    await busy(form, async () => {
      try {
        const r = await api.post('/api/v1/screen', q);
        const c = r.candidates;
        mount(results, c.length
          ? [h('p.result-count', null, t('scr.results', { n: c.length })),
            h('ol.cands', { id: 'cands' }, c.map((x) => candidateCard(x, q, status, pending)))]
          : h('p.none', { id: 'no-cands' }, t('scr.none')));
      } catch (err) {
        mount(results, errorBox(err));
      }
    });
  } },
  field(t('scr.name'), name).row,
  field(t('scr.birth'), birth, t('scr.birth_hint')).row,
  field(t('scr.doc'), doc).row,
  field(t('scr.plate'), plate).row,
  h('details.more', null, h('summary', null, t('scr.more')),
    field(t('scr.sex'), sex).row, field(t('scr.nationality'), nat).row),
  h('button.primary', { type: 'submit', id: 'screen-go' }, t('scr.go')));
  return h('section.page.notices', null, tabs('/notices', user), h('h1', null, t('scr.title')),
    form, status.el, results, pending.el);
}

// ---------------------------------------------------------------- list

async function listPage(user, params) {
  const state = { state: params.get('state') || 'active', q: params.get('q') || '' };
  const box = h('div', { id: 'notice-list' });
  const more = h('button', { type: 'button', id: 'notices-more', hidden: true }, t('common.more'));
  const stateIn = h('select', { id: 'ntc-state' },
    ['active', 'draft', 'hit', 'withdrawn', 'expired', 'all'].map((s) =>
      h('option', { value: s, selected: s === state.state }, s === 'all' ? t('ntc.all') : stateLabel(s))));
  const qIn = h('input', { type: 'search', id: 'ntc-q', value: state.q, maxlength: 100, autocomplete: 'off' });
  let tbody = null;
  let cursor = null;

  const row = (n) => h('tr', { dataset: { ref: n.ref } },
    h('td', { 'data-label': t('ntc.ref') }, h('a', { href: router.href('/notices/show', { ref: n.ref }) }, n.ref)),
    h('td', { 'data-label': t('ntc.kind') }, kindLabel(n.kind)),
    h('td', { 'data-label': t('scr.name') }, n.full_name || n.plate || ''),
    h('td', { 'data-label': t('ntc.birth') }, text(n.birth_date)),
    h('td', { 'data-label': t('ntc.issued_by') }, n.issuing_unit),
    h('td', { 'data-label': t('ntc.state') }, stateBadge(n.state)));

  async function load(append) {
    try {
      const r = await api.get(qs('/api/v1/notices', { state: state.state, q: state.q, cursor: append ? cursor : null }));
      if (!append) {
        tbody = h('tbody');
        mount(box, r.items.length ? h('table.users', null, h('thead', null, h('tr', null,
          [t('ntc.ref'), t('ntc.kind'), t('scr.name'), t('ntc.birth'), t('ntc.issued_by'), t('ntc.state')]
            .map((x) => h('th', { scope: 'col' }, x)))), tbody) : h('p', null, t('ntc.empty')));
      }
      r.items.forEach((n) => tbody && tbody.appendChild(row(n)));
      cursor = r.next_cursor;
      more.hidden = !cursor;
    } catch (e) {
      mount(box, errorBox(e));
    }
  }
  more.addEventListener('click', () => load(true));
  const filter = h('form.filters', { role: 'search', onsubmit: (e) => {
    e.preventDefault();
    state.state = stateIn.value;
    state.q = qIn.value.trim();
    router.replaceParams(state);
    load(false);
  } }, field(t('ntc.state'), stateIn).row, field(t('ntc.search'), qIn).row,
  h('button', { type: 'submit' }, t('common.filter')));
  await load(false);
  return h('section.page.notices', null, tabs('/notices/list', user), h('h1', null, t('ntc.list_title')),
    filter, box, more);
}

// ---------------------------------------------------------------- one notice

async function showPage(user, params) {
  const ref = params.get('ref') || '';
  const status = statusLine();
  const body = h('div.detail-box', { id: 'notice-detail' });

  function draw(n) {
    const dl = h('dl.props');
    const prop = (label, v) => {
      if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) return;
      dl.append(h('dt', null, label), h('dd', null, Array.isArray(v) ? v.join(', ') : String(v)));
    };
    prop(t('ntc.kind'), kindLabel(n.kind));
    prop(t('ntc.state'), stateLabel(n.state));
    prop(t('scr.name'), n.full_name);
    prop(t('ntc.aliases'), n.aliases);
    prop(t('ntc.birth'), n.birth_date);
    prop(t('scr.sex'), n.sex ? t(`sex.${n.sex}`) : null);
    prop(t('scr.nationality'), n.nationality);
    prop(t('ntc.documents'), n.documents);
    prop(t('ntc.plate'), n.plate);
    prop(t('ntc.issued_by'), n.issuing_unit);
    prop(t('scr.action'), actionLabel(n.action));
    prop(t('ntc.reason'), n.reason);
    prop(t('ntc.tlp'), n.tlp);
    prop(t('ntc.sharing'), n.sharing === 'both' ? t('ntc.share_both') : t('ntc.share_own'));
    prop(t('ntc.valid'), `${n.valid_from} – ${n.valid_to || '…'}`);
    const actions = h('div.actions');
    if (hasRole(user, 'supervisor') && n.state === 'draft') {
      actions.append(h('button.primary', { type: 'button', id: 'ntc-approve', onclick: async (e) => {
        e.target.disabled = true;
        try {
          draw(await api.post(`/api/v1/notices/${enc(n.ref)}/approve`));
          status.ok(t('ntc.approved'));
        } catch (err) { e.target.disabled = false; status.error(err); }
      } }, t('ntc.approve')));
    }
    if (hasRole(user, 'supervisor') && (n.state === 'draft' || n.state === 'active')) {
      const reason = h('input', { type: 'text', id: 'ntc-reason', maxlength: 256 });
      const f = h('form.inline', { onsubmit: async (e) => {
        e.preventDefault();
        await busy(f, async () => {
          try {
            draw(await api.post(`/api/v1/notices/${enc(n.ref)}/withdraw`, { reason: reason.value.trim() }));
            status.ok(t('ntc.withdrawn'));
          } catch (err) { status.error(err); }
        });
      } }, field(t('ntc.withdraw_reason'), reason).row, h('button', { type: 'submit', id: 'ntc-withdraw' }, t('ntc.withdraw')));
      actions.append(f);
    }
    mount(body, h('h2', null, n.ref, ' ', stateBadge(n.state)), dl, actions);
  }
  try {
    draw(await api.get(`/api/v1/notices/${enc(ref)}`));
  } catch (e) {
    mount(body, errorBox(e));
  }
  return h('section.page.notices', null, tabs('', user), h('h1', null, t('ntc.detail_title')), status.el, body);
}

// ---------------------------------------------------------------- new notice

function newPage(user) {
  const status = statusLine();
  const inp = (id, max) => h('input', { type: 'text', id, maxlength: max, autocomplete: 'off' });
  const kind = h('select', { id: 'new-kind' },
    ['wanted', 'fugitive', 'missing', 'trafficking_victim', 'vehicle'].map((k) => h('option', { value: k }, kindLabel(k))));
  const name = inp('new-name', 200);
  const aliases = inp('new-aliases', 1400);
  const birth = inp('new-birth', 10);
  const sex = h('select', { id: 'new-sex' }, h('option', { value: '' }, '—'),
    h('option', { value: 'M' }, t('sex.M')), h('option', { value: 'F' }, t('sex.F')));
  const nat = inp('new-nat', 3);
  const docs = inp('new-docs', 140);
  const plate = inp('new-plate', 32);
  const reason = h('textarea', { id: 'new-reason', rows: 3, maxlength: 4000 });
  const sharing = h('select', { id: 'new-sharing' },
    h('option', { value: 'own_country' }, t('ntc.share_own')), h('option', { value: 'both' }, t('ntc.share_both')));
  const tlp = h('select', { id: 'new-tlp' }, ['AMBER', 'GREEN', 'CLEAR', 'AMBER+STRICT', 'RED'].map((x) => h('option', { value: x }, x)));
  const split = (s) => s.split('|').map((x) => x.trim()).filter(Boolean);
  const form = h('form.edit', { id: 'new-notice', onsubmit: async (e) => {
    e.preventDefault();
    const body = { kind: kind.value, full_name: name.value.trim(), aliases: split(aliases.value),
      birth_date: birth.value.trim(), sex: sex.value, nationality: nat.value.trim().toUpperCase(),
      documents: split(docs.value), plate: plate.value.trim(), reason: reason.value.trim(),
      sharing: sharing.value, tlp: tlp.value };
    for (const k of Object.keys(body)) if (body[k] === '' || (Array.isArray(body[k]) && !body[k].length)) delete body[k];
    await busy(form, async () => {
      try {
        const n = await api.post('/api/v1/notices', body);
        status.ok(t('ntc.created', { ref: n.ref }));
        form.reset();
      } catch (err) { status.error(err); }
    });
  } },
  field(t('ntc.kind'), kind).row, field(t('scr.name'), name).row,
  field(t('ntc.aliases'), aliases, t('ntc.aliases_hint')).row,
  field(t('ntc.birth'), birth, t('scr.birth_hint')).row, field(t('scr.sex'), sex).row,
  field(t('scr.nationality'), nat).row, field(t('ntc.documents'), docs, t('ntc.aliases_hint')).row,
  field(t('ntc.plate'), plate).row, field(t('ntc.reason'), reason).row,
  field(t('ntc.sharing'), sharing).row, field(t('ntc.tlp'), tlp).row,
  h('button.primary', { type: 'submit', id: 'new-save' }, t('ntc.create')));
  return h('section.page.notices', null, tabs('/notices/new', user), h('h1', null, t('ntc.new_title')), status.el, form);
}

// ---------------------------------------------------------------- manifests

function batchPage(user) {
  const status = statusLine();
  const out = h('div', { id: 'batch-out' });
  const file = h('input', { type: 'file', id: 'batch-file', accept: '.csv,text/csv' });
  const form = h('form.edit', { id: 'batch-form', onsubmit: async (e) => {
    e.preventDefault();
    status.clear();
    const f = file.files && file.files[0];
    if (!f) return;
    if (f.size > 1000000) { status.error({ status: 413, message: t('batch.too_big') }); return; }
    const csv = await f.text();
    await busy(form, async () => {
      try {
        const r = await api.postRaw('/api/v1/screen/batch', csv, 'text/csv');
        const jsonl = r.results.map((x) => JSON.stringify(x)).join('\n') + '\n';
        const url = URL.createObjectURL(new Blob([jsonl], { type: 'application/x-ndjson' }));
        const flagged = r.results.filter((x) => x.hits.length);
        mount(out,
          h('p', { id: 'batch-summary' }, t('batch.summary', { screened: r.screened, flagged: r.flagged, bad: r.bad })),
          h('p', null, h('a', { href: url, download: 'screening.jsonl', id: 'batch-download' }, t('batch.download'))),
          r.errors.length ? h('ul.errors', null, r.errors.map((x) => h('li', null, t('batch.line', { line: x.line, message: x.message })))) : null,
          flagged.length ? [h('h2', null, t('batch.flagged')), h('ul.flagged', null, flagged.map((x) =>
            h('li', null, h('strong', null, x.ref), ' → ', x.hits.map((hh, i) => [i ? ', ' : '',
              h('a', { href: router.href('/notices/show', { ref: hh.notice }) }, hh.notice), ` (${hh.score.toFixed(2)})`]))))] : null);
      } catch (err) { status.error(err); }
    });
  } }, field(t('batch.file'), file, t('batch.hint')).row, h('button.primary', { type: 'submit', id: 'batch-go' }, t('batch.go')));
  return h('section.page.notices', null, tabs('/notices/batch', user), h('h1', null, t('batch.title')), form, status.el, out);
}

// ---------------------------------------------------------------- statistics

function statsPage(user, params) {
  const today = isoDate();
  const from = h('input', { type: 'date', id: 'st-from', value: params.get('from') || today });
  const to = h('input', { type: 'date', id: 'st-to', value: params.get('to') || today });
  const box = h('div', { id: 'stats-out' });
  async function load() {
    try {
      const r = await api.get(qs('/api/v1/checkpoints/stats', { from: from.value, to: to.value }));
      mount(box, r.items.length ? h('table.users', null,
        h('thead', null, h('tr', null, [t('notices.stats_checkpoint'), t('stats.day'), t('stats.persons'), t('stats.vehicles'),
          t('stats.hits')].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, r.items.map((d) => h('tr', null,
          h('td', { 'data-label': t('notices.stats_checkpoint') }, d.unit), h('td', { 'data-label': t('stats.day') }, d.day),
          h('td', { 'data-label': t('stats.persons') }, String(d.persons)),
          h('td', { 'data-label': t('stats.vehicles') }, String(d.vehicles)),
          h('td', { 'data-label': t('stats.hits') }, String(d.hits)))))) : h('p', null, t('stats.none')));
    } catch (e) {
      mount(box, errorBox(e));
    }
  }
  const form = h('form.filters', { onsubmit: (e) => {
    e.preventDefault();
    router.replaceParams({ from: from.value, to: to.value });
    load();
  } }, field(t('stats.from'), from).row, field(t('stats.to'), to).row, h('button', { type: 'submit' }, t('common.filter')));
  load();
  return h('section.page.notices', null, tabs('/notices/stats', user), h('h1', null, t('stats.title')), form, box);
}

export async function render({ path, params, user }) {
  if (path === '/notices/stats') return statsPage(user, params);
  if (path === '/notices/list') return listPage(user, params);
  if (path === '/notices/show') return showPage(user, params);
  if (path === '/notices/new') return newPage(user);
  if (path === '/notices/batch') return batchPage(user);
  if (!hasRole(user, 'checkpoint', 'officer', 'supervisor')) return listPage(user, params);
  return screenPage(user);
}
