// directory.js: the network directory (route #/directory, query
// country=VNM|LAO, on=YYYY-MM-DD, unit=CODE, q=TEXT). Shows the tree of one
// country as it stood on a date, a unit's detail (contacts, counterparts,
// history) and a search by name in either language, with or without
// Vietnamese diacritics. Subtrees are drawn only when opened, so a full
// directory stays light on a phone.

import { api, qs, enc } from '../api.js';
import { t, localName, otherName, formatDate } from '../i18n.js';
import { h, mount, isoDate } from '../dom.js';
import * as router from '../router.js';
import { errorBox, badge } from '../ui.js';
import { levelLabel, countryLabel, setCountries, getCountries } from '../levels.js';
import { matches } from '../fold.js';

const COUNTRIES = ['VNM', 'LAO'];
const EXAMPLE_DATE = '2023-01-01';

// The server's date, learnt from the first tree it sends without `on`; the
// fake clock of the tests may differ from the browser's.
let serverToday = null;

function unitBadges(u) {
  return [
    u.border ? badge('border', t('dir.border')) : null,
    u.demo ? badge('demo', t('dir.demo')) : null,
    u.valid_to ? badge('ended', t('dir.ended')) : null,
  ];
}

function unitLine(u, country, onPick) {
  const other = otherName(u, country);
  return h('button.unit-btn', {
    type: 'button', dataset: { code: u.code }, onclick: () => onPick(u.code, u.country || country),
  },
  h('span.unit-name', { lang: shownLang(u, country) }, localName(u, country)),
  other ? h('span.unit-other', null, other) : null,
  h('span.unit-level', null, levelLabel(u.country || country, u.level)),
  unitBadges(u));
}

// The language of the name localName() picked, so the browser shapes it
// with the right font.
function shownLang(u, country) {
  const c = u.country || country;
  const shown = localName(u, c);
  if (shown && shown === u.name_local) return c === 'LAO' ? 'lo' : 'vi';
  if (shown && shown === u.name_other) return c === 'LAO' ? 'vi' : 'lo';
  return 'en';
}

function treeNode(u, country, onPick, depth) {
  const kids = Array.isArray(u.children) ? u.children : [];
  const line = unitLine(u, country, onPick);
  if (!kids.length) return h('li.leaf', null, line);
  const list = h('ul');
  const det = h('details', { open: depth < 1 ? true : null },
    h('summary', null, line, h('span.count', { 'aria-label': t('dir.children_count', { n: kids.length }) }, String(kids.length))),
    list);
  let drawn = false;
  const draw = () => {
    if (drawn) return;
    drawn = true;
    mount(list, kids.map((k) => treeNode(k, country, onPick, depth + 1)));
  };
  if (det.open) draw();
  det.addEventListener('toggle', () => { if (det.open) draw(); });
  det.drawNow = draw;
  // A click on the unit's button selects it; toggling is the summary's
  // marker and the rest of the row.
  line.addEventListener('click', (e) => e.preventDefault());
  return h('li', null, det);
}

// The codes from a root down to `code` (inclusive), or null.
function pathTo(roots, code) {
  const walk = (nodes, trail, depth) => {
    if (depth > 8) return null;
    for (const n of nodes || []) {
      const here = [...trail, n.code];
      if (n.code === code) return here;
      const found = walk(n.children, here, depth + 1);
      if (found) return found;
    }
    return null;
  };
  return walk(roots, [], 0);
}

function flatten(roots) {
  const out = [];
  const stack = [...roots].map((u) => ({ u, parent: null }));
  let guard = 0;
  while (stack.length && guard++ < 200000) {
    const { u, parent } = stack.shift();
    out.push({ ...u, parent: u.parent || parent });
    for (const c of u.children || []) stack.push({ u: c, parent: { code: u.code, name_en: u.name_en, name_local: u.name_local } });
  }
  return out;
}

function contactItem(c) {
  const kind = String(c.kind || '').toLowerCase();
  const labels = {
    phone: t('contact.phone'), tel: t('contact.phone'), mobile: t('contact.mobile'), fax: t('contact.fax'),
    email: t('contact.email'), radio: t('contact.radio'), hotline: t('contact.hotline'), address: t('contact.address'),
    hours: t('contact.hours'), other: t('contact.other'),
  };
  let value;
  if (['phone', 'tel', 'mobile', 'hotline', 'fax'].includes(kind)) {
    value = h('a.tel', { href: `tel:${String(c.value).replace(/[^\d+]/g, '')}` }, c.value);
  } else if (kind === 'email') {
    value = h('a', { href: `mailto:${c.value}` }, c.value);
  } else {
    value = h('span', null, c.value);
  }
  return h('li.contact', null, h('span.contact-kind', null, labels[kind] || c.kind), value,
    c.note ? h('span.contact-note', null, c.note) : null);
}

function dl(rows) {
  return h('dl.facts', null, rows.filter(Boolean).map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

// One period of a unit's history: its dates, names, parent and border flag
// (the server's unit_versions), or any other event shape, shown plainly.
function period(from, to) {
  if (!from && !to) return t('dir.always');
  if (!from) return t('dir.until', { date: formatDate(to) });
  if (!to) return t('dir.since', { date: formatDate(from) });
  return `${formatDate(from)} – ${formatDate(to)}`;
}

function historyItem(e, country) {
  if (!e || typeof e !== 'object') return h('li', null, String(e));
  const name = localName({ ...e, country }, country) || e.name || '';
  const parent = typeof e.parent === 'string' ? e.parent : (e.parent && e.parent.code) || '';
  return h('li.hist', null,
    h('span.hist-date', null, period(e.valid_from || e.on || e.date, e.valid_to)), ' ',
    h('strong', null, name),
    parent ? h('span.muted', null, ` · ${t('dir.parent')}: ${parent}`) : null,
    e.border ? [' ', badge('border', t('dir.border'))] : null,
    e.event || e.change ? h('span.muted', null, ` · ${e.event || e.change}`) : null);
}

function detailView(u, { onPick, isAdmin, on, nameOf }) {
  const country = u.country;
  const parent = u.parent ? h('button.linkish', { type: 'button', onclick: () => onPick(u.parent.code, country) },
    localName(u.parent, country)) : t('dir.none');
  const successor = u.successor ? (typeof u.successor === 'object'
    ? h('button.linkish', { type: 'button', onclick: () => onPick(u.successor.code, country) },
      localName(u.successor, country) || u.successor.code)
    : h('button.linkish', { type: 'button', onclick: () => onPick(u.successor, country) },
      nameOf(u.successor) || u.successor)) : null;
  const contacts = Array.isArray(u.contacts) ? u.contacts : [];
  const counterparts = Array.isArray(u.counterparts) ? u.counterparts : [];
  const children = Array.isArray(u.children) ? u.children : [];
  const history = Array.isArray(u.history) ? u.history : [];
  return h('article.detail', { 'aria-labelledby': 'detail-title', id: 'unit-detail', dataset: { code: u.code } },
    h('header.detail-head', null,
      h('h2', { id: 'detail-title', tabindex: '-1', lang: shownLang(u, country) }, localName(u, country)),
      otherName(u, country) ? h('p.detail-other', null, otherName(u, country)) : null,
      u.name_other && u.name_other !== localName(u, country) && u.name_other !== otherName(u, country)
        ? h('p.detail-other', null, u.name_other) : null,
      h('p.detail-meta', null, countryLabel(country), ' · ', levelLabel(country, u.level), ' · ',
        h('code', null, u.code), ' ', unitBadges(u))),
    u.exists === false && !(u.valid_to && on > u.valid_to)
      ? h('p.alert.warn', null, t('dir.not_yet', { date: formatDate(on) })) : null,
    u.valid_to ? h('p.alert.warn', null, t('dir.ended_on', { date: formatDate(u.valid_to) }),
      successor ? [' ', t('dir.successor'), ' ', successor] : null) : null,
    dl([
      [t('dir.parent'), parent],
      u.valid_from || u.valid_to ? [t('dir.valid'), period(u.valid_from, u.valid_to)] : null,
      u.border ? [t('dir.border'), u.border_from ? t('dir.border_since', { date: formatDate(u.border_from) }) : t('dir.yes')] : null,
      successor && !u.valid_to ? [t('dir.successor'), successor] : null,
    ]),
    h('section.detail-sec', { 'aria-labelledby': 'sec-contacts' },
      h('h3', { id: 'sec-contacts' }, t('dir.contacts')),
      contacts.length ? h('ul.contacts', null, contacts.map(contactItem)) : h('p.muted', null, t('dir.no_contacts'))),
    h('section.detail-sec', { 'aria-labelledby': 'sec-counterparts' },
      h('h3', { id: 'sec-counterparts' }, t('dir.counterparts')),
      counterparts.length ? h('ul.counterparts', null, counterparts.map((c) => h('li', null,
        h('button.linkish', { type: 'button', dataset: { code: c.code }, onclick: () => onPick(c.code, c.country) },
          localName(c, c.country)),
        ' ', h('span.muted', null, `${countryLabel(c.country)} · ${levelLabel(c.country, c.level)}`))))
        : h('p.muted', null, t('dir.no_counterparts'))),
    children.length ? h('section.detail-sec', { 'aria-labelledby': 'sec-children' },
      h('h3', { id: 'sec-children' }, t('dir.children'), ` (${children.length})`),
      h('ul.children', null, children.slice(0, 500).map((c) => h('li', null,
        h('button.linkish', { type: 'button', onclick: () => onPick(c.code, country) }, localName(c, country)))))) : null,
    history.length ? h('section.detail-sec', { 'aria-labelledby': 'sec-history' },
      h('h3', { id: 'sec-history' }, t('dir.history')),
      h('ul.history', null, history.map((e) => historyItem(e, country)))) : null,
    isAdmin ? h('p', null, h('a.button', { href: router.href('/admin/units', { unit: u.code, on }) }, t('dir.edit'))) : null);
}

export async function render({ params, isAdmin }) {
  const state = {
    country: COUNTRIES.includes(params.get('country')) ? params.get('country') : 'VNM',
    on: /^\d{4}-\d{2}-\d{2}$/.test(params.get('on') || '') ? params.get('on') : '',
    unit: params.get('unit') || '',
    q: params.get('q') || '',
    roots: [],
  };

  if (!getCountries().length) {
    try { setCountries((await api.get('/api/v1/countries')).items); } catch { /* labels fall back to ranks */ }
  }

  const tabs = h('div.tabs', { role: 'tablist', 'aria-label': t('dir.country') });
  const dateIn = h('input', { type: 'date', id: 'dir-date', value: state.on || serverToday || isoDate(), min: '1945-01-01', max: '2100-12-31' });
  const searchIn = h('input', { type: 'search', id: 'dir-search', value: state.q, maxlength: 100,
    placeholder: t('dir.search_placeholder'), autocomplete: 'off' });
  // Not a live region: a screen reader would read the whole tree out. The
  // "as of" line and the result count say what changed.
  const treeBox = h('div.tree-box', { id: 'dir-tree', role: 'tabpanel' });
  const detailBox = h('div.detail-box', { id: 'dir-detail' });
  const onLabel = h('p.on-label', { id: 'dir-on', 'aria-live': 'polite' });
  let treeSeq = 0;

  function sync() {
    router.replaceParams({ country: state.country, on: state.on, unit: state.unit, q: state.q });
  }

  function drawTabs() {
    treeBox.setAttribute('aria-labelledby', `tab-${state.country}`);
    mount(tabs, COUNTRIES.map((c) => h('button.tab', {
      type: 'button', role: 'tab', id: `tab-${c}`, 'aria-selected': c === state.country ? 'true' : 'false',
      'aria-controls': 'dir-tree', tabindex: c === state.country ? '0' : '-1', dataset: { country: c },
      onclick: () => { state.country = c; state.q = ''; searchIn.value = ''; drawTabs(); loadTree(); },
      onkeydown: (e) => {
        if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
        const i = (COUNTRIES.indexOf(c) + (e.key === 'ArrowRight' ? 1 : COUNTRIES.length - 1)) % COUNTRIES.length;
        state.country = COUNTRIES[i]; state.q = ''; searchIn.value = ''; drawTabs(); loadTree();
        tabs.querySelector(`[data-country="${COUNTRIES[i]}"]`).focus();
      },
    }, countryLabel(c))));
  }

  async function pick(code, country) {
    if (!code) return;
    state.unit = code;
    if (country && COUNTRIES.includes(country) && country !== state.country) {
      state.country = country;
      drawTabs();
      loadTree();
    }
    sync();
    reveal(code, false);
    mount(detailBox, h('p.muted', null, t('common.loading')));
    try {
      const u = await api.get(qs(`/api/v1/units/${enc(code)}`, { on: state.on }));
      if (state.unit !== code) return;
      const nameOf = (code) => {
        const hit = flatten(state.roots).find((x) => x.code === code);
        return hit ? localName(hit, hit.country || state.country) : '';
      };
      mount(detailBox, detailView(u, { onPick: pick, isAdmin, on: state.on || serverToday || isoDate(), nameOf }));
      const title = detailBox.querySelector('#detail-title');
      if (title && window.matchMedia('(max-width: 800px)').matches) title.scrollIntoView({ block: 'start' });
      if (title) title.focus({ preventScroll: true });
    } catch (e) {
      if (state.unit === code) mount(detailBox, errorBox(e));
    }
  }

  // Opens the tree down to `code` and marks it; subtrees are drawn on the
  // way, since they are drawn only when opened.
  function reveal(code, scroll) {
    for (const b of treeBox.querySelectorAll('.unit-btn.selected')) b.classList.remove('selected');
    const path = pathTo(state.roots, code) || [];
    for (const c of path.slice(0, -1)) {
      const btn = treeBox.querySelector(`ul.tree summary .unit-btn[data-code="${CSS.escape(c)}"]`);
      const det = btn && btn.closest('details');
      if (det && !det.open) { det.drawNow(); det.open = true; }
    }
    const target = treeBox.querySelector(`.unit-btn[data-code="${CSS.escape(code)}"]`);
    if (target) {
      target.classList.add('selected');
      if (scroll && !window.matchMedia('(max-width: 800px)').matches) target.scrollIntoView({ block: 'nearest' });
    }
  }

  async function loadTree() {
    sync();
    if (state.q.trim()) { runSearch(); return; }
    const seq = ++treeSeq;
    mount(treeBox, h('p.muted', null, t('common.loading')));
    try {
      const data = await api.get(qs('/api/v1/units/tree', { country: state.country, on: state.on }));
      if (seq !== treeSeq) return;   // a newer country or date was asked for meanwhile
      if (!state.on && data.on) {
        serverToday = String(data.on).slice(0, 10);
        dateIn.value = serverToday;
      }
      state.roots = Array.isArray(data.roots) ? data.roots : [];
      onLabel.textContent = t('dir.as_of', { country: countryLabel(state.country), date: formatDate(data.on || state.on) });
      mount(treeBox, state.roots.length
        ? h('ul.tree', { 'aria-label': countryLabel(state.country) },
          state.roots.map((r) => treeNode(r, state.country, pick, 0)))
        : h('p.muted', null, t('dir.empty')));
      if (state.unit) reveal(state.unit, true);
    } catch (e) {
      if (seq === treeSeq) mount(treeBox, errorBox(e));
    }
  }

  let searchSeq = 0;
  async function runSearch() {
    const q = state.q.trim();
    const seq = ++searchSeq;
    treeSeq += 1;   // a tree still on its way must not replace the results
    if (!q) { loadTree(); return; }
    mount(treeBox, h('p.muted', null, t('common.loading')));
    let items;
    try {
      const data = await api.get(qs('/api/v1/units', { q, on: state.on, limit: 100 }));
      items = Array.isArray(data.items) ? data.items : [];
    } catch {
      // The server could not search: fold the loaded tree instead.
      items = flatten(state.roots).filter((u) => matches(`${u.name_local || ''} ${u.name_en || ''} ${u.name_other || ''} ${u.code}`, q));
    }
    if (seq !== searchSeq) return;
    onLabel.textContent = `${t('dir.search_on', { date: formatDate(state.on || serverToday || isoDate()) })} · ${t('dir.results', { n: items.length })}`;
    mount(treeBox,
      h('p.muted', { id: 'dir-result-count' }, t('dir.results', { n: items.length })),
      items.length ? h('ul.results', null, items.map((u) => h('li', null,
        unitLine(u, u.country || state.country, pick),
        u.parent ? h('span.result-parent', null, `${countryLabel(u.country)} · ${localName(u.parent, u.country)}`)
          : h('span.result-parent', null, countryLabel(u.country)))))
        : h('p', null, t('dir.no_results')));
  }

  let debounce = null;
  searchIn.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => { state.q = searchIn.value; sync(); runSearch(); }, 300);
  });
  const searchForm = h('form.search', { role: 'search', onsubmit: (e) => {
    e.preventDefault(); clearTimeout(debounce); state.q = searchIn.value; sync(); runSearch();
  } },
  h('label', { for: 'dir-search' }, t('dir.search')),
  h('div.inline', null, searchIn, h('button', { type: 'submit' }, t('dir.search_go'))));

  function setDate(v) {
    state.on = v;
    dateIn.value = v || serverToday || isoDate();
    loadTree();
    if (state.unit) pick(state.unit);
  }
  dateIn.addEventListener('change', () => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(dateIn.value)) setDate(dateIn.value);
  });

  const controls = h('div.dir-controls', null,
    tabs,
    h('div.date-row', null,
      h('label', { for: 'dir-date' }, t('dir.date')),
      dateIn,
      h('button', { type: 'button', id: 'dir-date-example', onclick: () => setDate(EXAMPLE_DATE) }, EXAMPLE_DATE),
      h('button', { type: 'button', id: 'dir-date-today', onclick: () => setDate('') }, t('dir.today'))),
    searchForm);

  drawTabs();
  loadTree();
  if (state.unit) pick(state.unit);
  else mount(detailBox, h('p.muted.detail-hint', null, t('dir.pick_hint')));

  return h('section.page.directory', null,
    h('h1', null, t('nav.directory')),
    controls,
    onLabel,
    h('div.dir-grid', null, treeBox, detailBox));
}
