// stats.js: the statistics dashboard (route #/stats, query from, to,
// country, border, unit, category). Pickers for the period and scope, the
// totals, charts by month, by province (both sides of the border) and by
// drug, each with its table for screen readers and copying, and downloads
// of the figures (CSV) and of the bilateral conference report (HTML).
// Charts are Chart.js (Debian's libjs-chart.js, served as /vendor/chart.js),
// drawn on canvases: nothing inline, so the strict CSP holds.

import { api, qs } from '../api.js';
import { t, lang } from '../i18n.js';
import { h, mount, field, isoDate } from '../dom.js';
import * as router from '../router.js';
import { errorBox } from '../ui.js';
import { vocab, label, options, fmtInt, fmtDec } from '../vocab.js';

let chartLib = null;

// Loads Chart.js once (a classic script that defines window.Chart).
function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!chartLib) {
    chartLib = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/vendor/chart.js';
      s.onload = () => (window.Chart ? resolve(window.Chart) : reject(new Error('Chart.js did not load')));
      s.onerror = () => { chartLib = null; reject(new Error('Chart.js did not load')); };
      document.head.appendChild(s);
    });
  }
  return chartLib;
}

function defaultPeriod() {
  const now = new Date();
  const to = isoDate(now);
  const from = isoDate(new Date(now.getFullYear() - 1, now.getMonth(), 1));
  return { from, to };
}

const FIGURES = [
  { key: 'cases', label: () => t('stats.cases'), fmt: (v) => fmtInt(v) },
  { key: 'suspects', label: () => t('stats.suspects'), fmt: (v) => fmtInt(v) },
  { key: 'foreign_suspects', label: () => t('stats.foreign'), fmt: (v) => fmtInt(v) },
  { key: 'mass_kg', label: () => t('stats.mass_kg'), fmt: (v) => fmtDec(v, 3) },
  { key: 'tablets', label: () => t('stats.tablets'), fmt: (v) => fmtInt(v) },
  { key: 'plants', label: () => t('stats.plants'), fmt: (v) => fmtInt(v) },
];

// Charts drawn on the page, destroyed before the next drawing.
const charts = [];

function destroyCharts() {
  while (charts.length) charts.pop().destroy();
}

export async function render({ params, user }) {
  destroyCharts();
  const v = await vocab();
  const def = defaultPeriod();
  const state = {
    from: params.get('from') || def.from,
    to: params.get('to') || def.to,
    country: params.get('country') || '',
    border: params.get('border') === '1',
    unit: params.get('unit') || '',
    category: params.get('category') || '',
  };
  const allowed = (user.roles || []).some((r) => r === 'analyst' || r === 'supervisor' || r === 'admin');

  const fromIn = h('input', { type: 'date', id: 'stats-from', value: state.from, required: true });
  const toIn = h('input', { type: 'date', id: 'stats-to', value: state.to, required: true });
  const countryIn = h('select', { id: 'stats-country' },
    h('option', { value: '' }, t('stats.both_countries')),
    h('option', { value: 'VNM', selected: state.country === 'VNM' }, t('country.VNM')),
    h('option', { value: 'LAO', selected: state.country === 'LAO' }, t('country.LAO')));
  const borderIn = h('input', { type: 'checkbox', id: 'stats-border', checked: state.border });
  const unitIn = h('input', { type: 'text', id: 'stats-unit', value: state.unit, maxlength: 32,
    autocapitalize: 'characters', autocomplete: 'off', placeholder: 'VN-22' });
  const catIn = h('select', { id: 'stats-category' },
    h('option', { value: '' }, t('stats.any_category')),
    h('option', { value: 'drugs', selected: state.category === 'drugs' }, t('stats.drug_categories')),
    options(v, 'categories').map((o) => h('option', { value: o.value, selected: o.value === state.category }, o.text)));

  const totalsBox = h('div.stat-cards', { id: 'stats-totals', 'aria-live': 'polite' });
  const monthBox = h('div.chart-box');
  const provBox = h('div.chart-box.chart-tall');
  const drugBox = h('div.chart-box');
  const downloads = h('div.downloads', { id: 'stats-downloads' });
  const msg = h('div.status', { 'aria-live': 'polite' });

  const form = h('form.filters.stats-filters', { role: 'search', id: 'stats-form', onsubmit: (e) => {
    e.preventDefault();
    state.from = fromIn.value;
    state.to = toIn.value;
    state.country = countryIn.value;
    state.border = borderIn.checked;
    state.unit = unitIn.value.trim().toUpperCase();
    state.category = catIn.value;
    router.replaceParams({ from: state.from, to: state.to, country: state.country,
      border: state.border ? '1' : '', unit: state.unit, category: state.category });
    load();
  } },
  field(t('stats.from'), fromIn).row,
  field(t('stats.to'), toIn).row,
  field(t('stats.country'), countryIn).row,
  field(t('stats.unit'), unitIn, t('stats.unit_hint')).row,
  field(t('stats.category'), catIn).row,
  h('div.field', null, h('label.check', { for: 'stats-border' }, borderIn, t('stats.border_only'))),
  h('button.primary', { type: 'submit', id: 'stats-show' }, t('stats.show')));

  function query(extra) {
    return {
      from: state.from, to: state.to, country: state.country, unit: state.unit,
      border_only: state.border ? 'true' : '', category: state.category, lang: lang(), ...extra,
    };
  }

  function drawTotals(r) {
    mount(totalsBox, FIGURES.map((f) => h('div.stat-card', { dataset: { figure: f.key } },
      h('span.stat-label', null, f.label()),
      h('strong.stat-value', { id: `stat-${f.key}` }, f.fmt(r[f.key])))));
  }

  // A chart with its data table; rows: [label, value].
  async function chart(box, title, rows, opts = {}) {
    const canvas = h('canvas', { role: 'img', 'aria-label': title });
    const table = h('table.data', null,
      h('thead', null, h('tr', null, h('th', null, opts.keyHeading || ''), h('th', null, opts.valueHeading || ''))),
      h('tbody', null, rows.map(([k, val]) => h('tr', null, h('td', null, k), h('td.num', null, opts.fmt(val))))));
    mount(box, h('h2', null, title),
      rows.length ? h('div.chart-canvas', null, canvas) : h('p.muted', null, t('stats.no_data')),
      rows.length ? h('details.chart-table', null, h('summary', null, t('stats.show_table')), table) : null);
    if (!rows.length) return;
    const Chart = await loadChart();
    charts.push(new Chart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map((r) => r[0]),
        datasets: [{ label: opts.valueHeading, data: rows.map((r) => r[1]), backgroundColor: opts.color || '#a4161a' }],
      },
      options: {
        indexAxis: opts.horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (c) => `${opts.valueHeading}: ${opts.fmt(c.raw)}` } },
        },
        scales: {
          [opts.horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { callback: (val) => opts.fmt(val) } },
        },
      },
    }));
  }

  function monthLabel(key) {
    const [y, m] = key.split('-');
    return `${m}/${y}`;
  }

  // own: the server narrowed the figures to the user's unit subtree (need
  // to know); the conference report, which covers both countries, is not theirs.
  function drawDownloads(own) {
    const csv = qs('/api/v1/reports/stats.csv', query({ by: 'month' }));
    const conf = qs('/api/v1/reports/conference', { from: state.from, to: state.to, lang: lang(), format: 'html' });
    mount(downloads, h('h2', null, t('stats.downloads')),
      h('div.buttons', null,
        h('a.button', { href: csv, download: '', id: 'dl-csv' }, t('stats.download_csv')),
        own ? null : h('a.button', { href: conf, download: '', id: 'dl-conference' }, t('stats.download_conference'))),
      own ? null : h('p.hint', null, t('stats.conference_hint')));
  }

  let seq = 0;
  async function load() {
    const my = ++seq;
    msg.replaceChildren(h('p.muted', null, t('common.loading')));
    destroyCharts();
    try {
      const [byMonth, byUnit, byDrug] = await Promise.all([
        api.get(qs('/api/v1/reports/stats', query({ by: 'month' }))),
        api.get(qs('/api/v1/reports/stats', query({ by: 'unit' }))),
        api.get(qs('/api/v1/reports/stats', query({ by: 'drug' }))),
      ]);
      if (my !== seq) return;
      const own = !state.unit && byMonth.scope && byMonth.scope.unit ? byMonth.scope.unit : '';
      msg.replaceChildren(own ? h('p.muted', { id: 'stats-scope' }, t('stats.scope_own', { unit: own })) : '');
      drawTotals(byMonth);
      const fmtI = (x) => fmtInt(x);
      await chart(monthBox, t('stats.by_month'), byMonth.groups.map((g) => [monthLabel(g.key), g.cases]),
        { fmt: fmtI, keyHeading: t('stats.month'), valueHeading: t('stats.cases') });
      await chart(provBox, t('stats.by_province'),
        byUnit.groups.slice().sort((a, b) => b.cases - a.cases)
          .map((g) => [g.label ? `${g.label}` : g.key, g.cases]),
        { fmt: fmtI, keyHeading: t('stats.province'), valueHeading: t('stats.cases'), horizontal: true, color: '#40407a' });
      await chart(drugBox, t('stats.by_drug'),
        byDrug.groups.map((g) => [label(v, 'drugs', g.key), g.cases]),
        { fmt: fmtI, keyHeading: t('stats.drug'), valueHeading: t('stats.cases'), color: '#1f6f3f' });
      drawDownloads(!!own);
    } catch (e) {
      if (my === seq) msg.replaceChildren(errorBox(e));
    }
  }

  const page = h('section.page.stats', null,
    h('h1', null, t('nav.stats')),
    allowed ? null : h('div.alert.warn', null, t('stats.need_role')),
    form, msg, totalsBox,
    h('div.chart-grid', null, monthBox, drugBox),
    provBox,
    downloads);
  if (allowed) load();
  return page;
}
