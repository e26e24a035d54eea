// app.js: starts the console. Picks the language, asks the server who is
// signed in, then draws the sign-in page or the layout (header, navigation,
// the current page). Pages are modules under pages/, each exporting
// render(ctx) that returns a node (or a promise of one).
//
// Adding a section (Hotline, Cases, ...): write pages/NAME.js exporting
// render({params, user, isAdmin, label}), point its NAV entry's `page` at it
// (dropping `soon`), list the file in web/meson.build, and add its strings
// to all four catalogues in web/i18n/ (tests/e2e/i18n.test.mjs checks both).

import { api, setCsrf, setUnauthorizedHandler } from './api.js';
import { t, setLang, initialLang, onLangChange, LANGS, lang, localName } from './i18n.js';
import { h, mount } from './dom.js';
import { errorBox, roleLabel, isAdmin as hasAdmin } from './ui.js';
import * as router from './router.js';
import * as signin from './pages/signin.js';
import * as soon from './pages/soon.js';
import * as directory from './pages/directory.js';
import * as hotline from './pages/hotline.js';
import * as adminUsers from './pages/admin_users.js';
import * as adminUnits from './pages/admin_units.js';
import * as adminSettings from './pages/admin_settings.js';
import * as cases from './pages/cases.js';
import * as persons from './pages/persons.js';
import * as duplicates from './pages/duplicates.js';
import * as stats from './pages/stats.js';
import * as notices from './pages/notices.js';

const session = { user: null };

// The navigation, in order. `admin` entries show only to admins; `show`,
// when given, decides from the user whether the entry shows (the page
// itself still answers anyone who opens it); `exact` entries are marked
// current on their own path only.
const NAV = [
  { path: '/hotline', label: () => t('nav.hotline'), page: hotline },
  { path: '/cases', label: () => t('nav.cases'), page: cases },
  { path: '/notices', label: () => t('nav.notices'), page: notices },
  { path: '/stats', label: () => t('nav.stats'), page: stats },
  { path: '/directory', label: () => t('nav.directory'), page: directory },
  { path: '/persons/duplicates', label: () => t('nav.duplicates'), page: duplicates, show: duplicates.mayMerge, exact: true },
  { path: '/admin/users', label: () => t('nav.admin'), page: adminUsers, admin: true },
];
const EXTRA = [
  { path: '/notices/list', label: () => t('nav.notices'), page: notices },
  { path: '/notices/show', label: () => t('nav.notices'), page: notices },
  { path: '/notices/new', label: () => t('nav.notices'), page: notices },
  { path: '/notices/batch', label: () => t('nav.notices'), page: notices },
  { path: '/notices/stats', label: () => t('nav.notices'), page: notices },
  { path: '/admin/units', label: () => t('nav.admin_units'), page: adminUnits, admin: true },
  { path: '/admin/settings', label: () => t('admin.settings'), page: adminSettings, admin: true },
  { path: '/cases/view', label: () => t('nav.cases'), page: { render: cases.renderView } },
  { path: '/cases/new', label: () => t('nav.cases'), page: { render: cases.renderNew } },
  { path: '/persons', label: () => t('persons.title'), page: persons },
];

// Checkpoint posts start on the screening page; everyone else on the directory.
function homePath() {
  const roles = (session.user && session.user.roles) || [];
  return roles.includes('checkpoint') ? '/notices' : '/directory';
}

function isAdmin(user = session.user) {
  return hasAdmin(user);
}

const root = () => document.getElementById('app');
let renderSeq = 0;
let pendingHash = null;

function langSwitch() {
  const sel = h('select', { id: 'lang-select', 'aria-label': t('lang.label'),
    onchange: (e) => setLang(e.target.value) },
  LANGS.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === lang() }, l.label)));
  return h('div.lang', null, h('label.sr', { for: 'lang-select' }, t('lang.label')), sel);
}

async function signOut() {
  try { await api.del('/api/v1/session'); } catch { /* already gone: sign out locally anyway */ }
  session.user = null;
  setCsrf(null);
  hotline.stopLive();
  router.go('/signin');
}

function header() {
  const u = session.user;
  const unit = u.unit ? localName(u.unit, u.unit.country) || u.unit.code : '';
  return h('header.top', null,
    h('a.brand', { href: '#/directory' }, h('img', { src: '/favicon.svg', alt: '', width: 28, height: 28 }),
      h('span', null, t('app.name'))),
    h('div.who', { id: 'who' },
      h('strong.who-name', null, u.full_name || u.login),
      unit ? h('span.who-unit', null, unit) : null,
      h('span.who-roles', null, (u.roles || []).map(roleLabel).join(' · '))),
    h('div.top-actions', null,
      langSwitch(),
      h('button.link', { type: 'button', id: 'signout', onclick: signOut }, t('nav.signout'))));
}

function nav(active) {
  const items = NAV.filter((n) => (!n.admin || isAdmin()) && (!n.show || n.show(session.user || {})));
  return h('nav.main-nav', { 'aria-label': t('nav.label') },
    h('ul', null, items.map((n) => {
      const on = n.exact ? active === n.path : active.startsWith(n.path.split('/').slice(0, 2).join('/'));
      return h('li', null, h('a', {
        href: `#${n.path}`, 'aria-current': on ? 'page' : null, class: on ? 'active' : null,
        dataset: { nav: n.path },
      }, n.label()));
    })));
}

function findRoute(path) {
  return [...NAV, ...EXTRA].find((n) => n.path === path);
}

async function render() {
  const seq = ++renderSeq;
  const { path, params } = router.current();
  document.getElementById('skip-link').textContent = t('nav.skip');
  if (!session.user) {
    // Come back here after signing in (a shared link, or an expired session).
    if (path !== '/signin' && path !== '/') pendingHash = location.hash;
    document.title = `${t('signin.title')} · ${t('app.name')}`;
    mount(root(), await signin.render({ params, onSignedIn }));
    return;
  }
  if (path === '/' || path === '/signin') {
    router.go(homePath());
    return;
  }
  let route = findRoute(path);
  let main;
  if (!route) {
    main = h('section.page', null, h('h1', null, t('notfound.title')),
      h('p', null, h('a', { href: '#/directory' }, t('nav.directory'))));
  } else if (route.admin && !isAdmin()) {
    main = h('section.page', null, h('h1', null, t('denied.title')), h('p', null, t('denied.body')));
  } else {
    main = h('div.page-loading', null, t('common.loading'));
  }
  const mainEl = h('main', { id: 'main', tabindex: '-1' }, main);
  mount(root(), h('div.layout', null, header(), nav(path), mainEl));
  document.title = `${route ? route.label() : t('notfound.title')} · ${t('app.name')}`;
  if (!route || (route.admin && !isAdmin())) return;
  try {
    const node = await route.page.render({ params, user: session.user, path, label: route.label(),
      isAdmin: isAdmin(), rerender: render });
    if (seq === renderSeq) mount(mainEl, node);
  } catch (e) {
    if (seq === renderSeq) mount(mainEl, errorBox(e));
  }
}

function onSignedIn(data) {
  session.user = data.user;
  setCsrf(data.csrf_token);
  hotline.startLive();
  const back = pendingHash;
  pendingHash = null;
  if (back && back.startsWith('#/')) {
    if (location.hash === back) render();
    else location.hash = back;
  } else {
    router.go(homePath());
  }
}

async function boot() {
  // The skip link must not change the hash: that is the router's.
  document.getElementById('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    const main = document.getElementById('main') || document.querySelector('form.signin input');
    if (main) main.focus();
  });
  await setLang(initialLang());
  setUnauthorizedHandler(() => {
    session.user = null;
    setCsrf(null);
    render();
  });
  try {
    const me = await api.get('/api/v1/me', { quiet401: true });
    session.user = me.user;
    setCsrf(me.csrf_token);
    hotline.startLive();
  } catch {
    session.user = null;
  }
  onLangChange(() => render());
  // After a move to another page, focus goes to its main region so screen
  // readers and keyboard users start there.
  router.onRoute(() => render().then(() => {
    const main = document.getElementById('main');
    if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  }));
  render();
}

boot().catch((e) => {
  mount(root(), h('div.alert.error', { role: 'alert' }, `Redline: ${e && e.message}`));
});
