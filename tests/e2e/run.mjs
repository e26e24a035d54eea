// run.mjs: the browser tests of the web console (scripts/run-tests runs
// `node tests/e2e/run.mjs`). Creates a demo database in a temp dir with
// $REDLINE_BIN, serves it on a free port with the fake clock, drives the
// system Chromium through playwright-core, saves a screenshot per scenario
// in tests/out/e2e/NAME.png, prints one line per scenario and ends with
// "N passed, N failed"; exits 1 on any failure. A scenario whose server
// endpoint is not there yet is reported as SKIP with the reason (never as
// passing). The server, the browser and the temp dir are always cleaned up.
//
// Environment: REDLINE_BIN (default build-asan/redline, else
// build-dev/redline), REDLINE_E2E_LOGIN / REDLINE_E2E_PASSWORD (the demo
// admin), CHROMIUM (default /usr/bin/chromium).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkWeb } from './i18n.test.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const OUT = path.join(root, 'tests', 'out', 'e2e');
const ADMIN = process.env.REDLINE_E2E_LOGIN || 'admin';
const ADMIN_PASSWORD = process.env.REDLINE_E2E_PASSWORD || 'redline-demo';
const SCENARIO_MS = 120000;    // per scenario, all steps included
const STEP_MS = 30000;         // per browser action or wait (a sign-in hashes with Argon2id: seconds on a loaded machine under ASan)
const START_MS = 60000;        // init or server start (slow under ASan)
const IMPORT_MS = 600000;      // generating and importing the demo cases

function pickBin() {
  if (process.env.REDLINE_BIN) return path.resolve(process.env.REDLINE_BIN);
  for (const b of ['build-asan/redline', 'build-dev/redline']) {
    const p = path.join(root, b);
    if (fs.existsSync(p)) return p;
  }
  return null;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

class Skip extends Error {}
const skip = (why) => { throw new Skip(why); };
const assert = (cond, msg) => { if (!cond) throw new Error(msg); };

// ---------------------------------------------------------------- server

const cleanup = [];
let tmpDir = null;
let server = null;

function startServer(bin, dir) {
  const db = path.join(dir, 'demo.db');
  const init = spawnSync(bin, ['--db', db, 'init', '--demo'], { encoding: 'utf8', timeout: START_MS });
  if (init.status !== 0) {
    throw new Error(`redline init --demo failed (${init.status ?? init.signal}): ${(init.stderr || init.error || '').toString().trim()}`);
  }
  // The generated demo cases (the seed figures of 2021-07..2024-06), as
  // scripts/run-demo imports them, for the cases and statistics pages.
  const cases = path.join(dir, 'cases.jsonl');
  const gen = spawnSync(bin, ['case', 'generate', '--seed', '1', '--out', cases], { encoding: 'utf8', timeout: IMPORT_MS });
  const imp = gen.status === 0 && spawnSync(bin, ['--db', db, 'case', 'import', cases], { encoding: 'utf8', timeout: IMPORT_MS });
  if (!imp || imp.status !== 0) {
    const r = imp || gen;
    throw new Error(`generating or importing the demo cases failed (${r.status ?? r.signal}): ${(r.stderr || r.error || '').toString().trim()}`);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--fake-clock'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not say "listening on" within ${START_MS} ms: ${err.trim()}`)), START_MS);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
    });
    // The whole log goes to tests/out/e2e/server.log for a failure's story.
    const log = fs.createWriteStream(path.join(OUT, 'server.log'));
    child.stderr.on('data', (d) => { log.write(d); if (err.length < 20000) err += d; });
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? sig}) before listening: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
    server.stderrText = () => err;
  });
}

// Stops the server; resolves to its exit status (a signal name if killed).
async function stopServer() {
  if (!server) return null;
  if (server.exitCode !== null || server.signalCode !== null) return server.exitCode ?? server.signalCode;
  const exited = new Promise((r) => server.once('exit', (code, sig) => r(code ?? sig)));
  server.kill('SIGTERM');
  let timer;
  const result = await Promise.race([exited, new Promise((r) => { timer = setTimeout(() => r(undefined), 40000); })]);
  clearTimeout(timer);
  if (result !== undefined) return result;
  server.kill('SIGKILL');
  await exited;
  return 'SIGKILL (did not stop within 40 s of SIGTERM)';
}

// ---------------------------------------------------------------- API probe

// What the server offers, learnt over plain HTTP before the browser runs,
// so a scenario can be skipped with a reason instead of failing on a
// missing endpoint while the server is being built.
// `redline serve --routes` lists "METHOD PATTERN ..." per line; parameter
// names are normalized to {} so "/api/v1/units/{code}" matches any name.
function listRoutes(bin, db) {
  const r = spawnSync(bin, ['--db', db, 'serve', '--routes'], { encoding: 'utf8', timeout: START_MS });
  if (r.status !== 0 || !r.stdout) return null;
  const set = new Set();
  for (const line of r.stdout.split('\n')) {
    const m = line.match(/^(GET|POST|PUT|PATCH|DELETE)\s+(\/\S*)/);
    if (m) set.add(`${m[1]} ${m[2].replace(/\{[^}]*\}/g, '{}')}`);
  }
  return set.size ? set : null;
}

async function probe(base, routes) {
  const has = { console: false, session: false, units: false, users: false, cookie: null, me: null };
  const route = (m, p) => !routes || routes.has(`${m} ${p}`);
  const get = async (p, opts = {}) => {
    try { return await fetch(base + p, { redirect: 'manual', ...opts }); } catch { return null; }
  };
  const index = await get('/');
  const app = await get('/js/app.js');
  has.console = !!(index && index.ok && app && app.ok);
  const bad = await get('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'no-such-user-e2e', password: 'x' }) });
  // A missing route answers 404 (or 405); a real one refuses the login.
  has.session = !!bad && ![404, 405, 501].includes(bad.status);
  if (!has.session) return has;
  const ok = await get('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: ADMIN, password: ADMIN_PASSWORD }) });
  if (!ok || !ok.ok) {
    has.signinError = `POST /api/v1/session as ${ADMIN} answered ${ok ? ok.status : 'nothing'}`;
    return has;
  }
  const body = await ok.json();
  has.me = body.user;
  has.cookie = (ok.headers.get('set-cookie') || '').split(';')[0];
  const auth = { headers: { Cookie: has.cookie } };
  const units = await get('/api/v1/units/tree?country=VNM', auth);
  has.units = !!units && units.status === 200 && route('GET', '/api/v1/units') && route('GET', '/api/v1/units/{}');
  const cw = await get('/api/v1/units/NO-SUCH-UNIT/contacts', { method: 'POST',
    headers: { Cookie: has.cookie, 'Content-Type': 'application/json', 'X-CSRF-Token': body.csrf_token || '' },
    body: JSON.stringify({ kind: 'phone', value: '1' }) });
  // An unknown unit is 404 with code not_found both ways; tell them apart by
  // the route table: a missing route says "no such" route/page.
  has.unitWrites = !!cw && cw.status !== 405 && !(cw.status === 404 && /endpoint|route|page/i.test(await cw.text()))
    && route('POST', '/api/v1/units/{}/contacts') && route('DELETE', '/api/v1/units/{}/contacts/{}');
  const users = await get('/api/v1/users?limit=1', auth);
  has.users = !!users && users.status === 200 && route('POST', '/api/v1/users') && route('PATCH', '/api/v1/users/{}');
  has.cases = route('GET', '/api/v1/cases') && route('POST', '/api/v1/cases') && route('GET', '/api/v1/vocab');
  has.stats = route('GET', '/api/v1/reports/stats') && route('GET', '/api/v1/reports/stats.csv');
  has.personPages = route('GET', '/api/v1/persons/{}') && route('GET', '/api/v1/persons/merges');
  has.caseRemovals = route('DELETE', '/api/v1/cases/{}/{}/persons/{}') && route('DELETE', '/api/v1/cases/{}/{}/seizures/{}');
  has.notices = route('POST', '/api/v1/screen') && route('POST', '/api/v1/hits');
  has.hitsPending = !!routes && route('GET', '/api/v1/hits/pending') && route('POST', '/api/v1/hits/resend');
  await get('/api/v1/session', { method: 'DELETE', headers: { Cookie: has.cookie, 'X-CSRF-Token': body.csrf_token || '' } });
  return has;
}

// ---------------------------------------------------------------- helpers

async function shot(page, name) {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true, timeout: STEP_MS });
}

// A JSON call to the API as `who` (from apiSignIn), or anonymous: the
// status and the parsed body, for scenarios that set data up over HTTP.
async function apiCall(base, method, p, body, who) {
  const r = await fetch(base + p, { method, headers: { 'Content-Type': 'application/json',
    ...(who ? { Cookie: who.cookie, 'X-CSRF-Token': who.csrf } : {}) },
  body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

// Signs a demo user in over the API: the session cookie and CSRF token.
async function apiSignIn(base, login) {
  const r = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: ADMIN_PASSWORD }) });
  if (r.status === 404) skip('POST /api/v1/session is not on this server');
  const b = await r.json();
  return { cookie: (r.headers.get('set-cookie') || '').split(';')[0], csrf: b.csrf_token };
}

async function signIn(page, base, login = ADMIN, password = ADMIN_PASSWORD) {
  await page.goto(`${base}/#/signin`);
  await page.waitForSelector('form.signin input[name=login]');
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await page.click('form.signin button[type=submit]');
  await page.waitForSelector('#who', { timeout: STEP_MS });
}

async function setLang(page, code) {
  await page.selectOption('#lang-select', code);
  await page.waitForFunction((c) => document.documentElement.lang === c, code, { timeout: STEP_MS });
}

async function openDirectory(page, base, params = '') {
  await page.goto(`${base}/#/directory${params}`);
  await page.waitForSelector('#dir-tree ul.tree, #dir-tree .alert', { timeout: STEP_MS });
  assert(!(await page.$('#dir-tree .alert')), `the tree did not load: ${await page.textContent('#dir-tree')}`);
}

// Text of the tree with every subtree opened, up to `depth` levels.
async function treeText(page) {
  return page.evaluate(() => {
    for (let i = 0; i < 3; i++) {
      for (const d of document.querySelectorAll('#dir-tree details:not([open])')) d.open = true;
    }
    return document.getElementById('dir-tree').textContent;
  });
}

async function treeSettled(page) {
  // Opening <details> draws children on 'toggle', which fires async: open
  // level after level until none is left closed (bounded).
  for (let i = 0; i < 10; i++) {
    await page.waitForTimeout(150);
    const closed = await page.evaluate(() => document.querySelectorAll('#dir-tree details:not([open])').length);
    if (!closed) {
      await page.waitForTimeout(150);
      if (!await page.evaluate(() => document.querySelectorAll('#dir-tree details:not([open])').length)) break;
    }
    await treeText(page);
  }
  return treeText(page);
}

// Signs out whoever is signed in, then in as login.
async function switchUser(page, base, login, password = ADMIN_PASSWORD) {
  await page.goto(`${base}/#/directory`);
  await page.waitForSelector('#signout, form.signin', { timeout: STEP_MS });
  if (await page.$('#signout')) {
    await page.click('#signout');
    await page.waitForSelector('form.signin', { timeout: STEP_MS });
  }
  await signIn(page, base, login, password);
}

// The totals the statistics page shows, by figure.
async function statFigures(page) {
  return page.$$eval('#stats-totals .stat-value', (els) => Object.fromEntries(els.map((e) => [e.id.replace('stat-', ''), e.textContent])));
}

// ---------------------------------------------------------------- scenarios

const needsConsole = (c) => { if (!c.has.console) skip('the server does not serve the console (GET /js/app.js)'); };
const needsSession = (c) => {
  needsConsole(c);
  if (!c.has.session) skip('POST /api/v1/session is not on this server yet');
  if (!c.has.me) skip(c.has.signinError || `cannot sign in as ${ADMIN}`);
};
const needsUnits = (c) => { needsSession(c); if (!c.has.units) skip('GET /api/v1/units/tree is not on this server yet'); };
const needsUsers = (c) => { needsSession(c); if (!c.has.users) skip('GET /api/v1/users is not on this server yet'); };

const scenarios = [
  ['i18n_catalogues', async () => {
    const problems = checkWeb();
    assert(!problems.length, `${problems.length} problems:\n    ${problems.join('\n    ')}`);
  }],

  ['fold_search_fallback', async () => {
    // web/js/fold.js has no DOM use: load it as a module from its text
    // (web/ has no package.json saying its .js files are modules).
    const src = fs.readFileSync(path.join(root, 'web', 'js', 'fold.js'), 'utf8');
    const { fold, matches } = await import(`data:text/javascript,${encodeURIComponent(src)}`);
    const cases = [['Nghệ An', 'nghe an'], ['Đà Nẵng', 'da nang'], ['  Quảng   Bình ', 'quang binh'],
      ['Thừa Thiên Huế', 'thua thien hue'], ['NẬM CẮN', 'nam can']];
    for (const [name, want] of cases) assert(fold(name) === want, `fold("${name}") is "${fold(name)}", not "${want}"`);
    // Lao vowel and tone marks carry meaning: they stay.
    assert(fold('ບ້ານນ້ຳກັນ') === 'ບ້ານນ້ຳກັນ'.normalize('NFD'), 'fold() stripped Lao marks');
    assert(matches('Nghệ An', 'nghe an') && matches('Nghệ An', 'NGHỆ') && !matches('Nghệ An', 'nghe tinh'),
      'matches() is wrong on Nghệ An');
    assert(matches('ບ້ານນ້ຳກັນ Ban Nam Kan', 'ນ້ຳກັນ') && !matches('ບ້ານນ້ຳກັນ', 'ນາກັນ'), 'matches() is wrong on Lao');
  }],

  ['console_served_under_csp', async (c) => {
    needsConsole(c);
    // Every file web/meson.build embeds is served, with a fitting type.
    const listed = fs.readFileSync(path.join(root, 'web', 'meson.build'), 'utf8');
    const files = [...listed.matchAll(/^\s*'([^']+)',\s*$/gm)].map((m) => m[1]);
    assert(files.length > 10, `only ${files.length} files listed in web/meson.build`);
    for (const f of files) {
      const r = await fetch(`${c.base}/${f}`);
      assert(r.ok, `GET /${f} answered ${r.status}`);
      const type = r.headers.get('content-type') || '';
      const want = { js: 'javascript', css: 'css', json: 'json', svg: 'svg', html: 'html' }[f.split('.').pop()];
      assert(!want || type.includes(want), `GET /${f} has Content-Type ${type}`);
    }
    const index = await fetch(`${c.base}/`);
    const csp = index.headers.get('content-security-policy') || '';
    assert(/script-src 'self'/.test(csp), `the console is served without a strict CSP: "${csp}"`);
    // The page runs under that CSP without errors (the watcher fails the
    // scenario on any console error, CSP violations included).
    const page = await c.context.newPage();
    try {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${c.base}/`);
      await page.waitForSelector('form.signin', { timeout: STEP_MS });
      await page.click('.signin-langs button[lang=lo]');
      await page.waitForFunction(() => document.documentElement.lang === 'lo', null, { timeout: STEP_MS });
      const h1 = await page.textContent('form.signin h1');
      await shot(page, 'signin_lao_360');
      assert(h1 === 'ເຂົ້າສູ່ລະບົບ', `the Lao sign-in page says "${h1}"`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 360, `the sign-in page is ${width} px wide at 360 px`);
      await page.click('.signin-langs button[lang=en]');
      await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: STEP_MS });
    } finally {
      await page.close();
    }
  }],

  ['signin_wrong_password', async (c) => {
    needsConsole(c);
    if (!c.has.session) skip('POST /api/v1/session is not on this server yet');
    const { page } = c;
    await page.goto(`${c.base}/#/signin`);
    await page.fill('input[name=login]', ADMIN);
    await page.fill('input[name=password]', 'definitely-not-the-password');
    await page.click('form.signin button[type=submit]');
    await page.waitForSelector('#signin-error .alert', { timeout: STEP_MS });
    const msg = await page.textContent('#signin-error');
    await shot(page, 'signin_wrong_password');
    assert(/wrong login or password|too many attempts/i.test(msg), `unexpected error text: "${msg}"`);
    assert(!(await page.$('#who')), 'signed in with a wrong password');
  }],

  ['signin_throttled', async (c) => {
    needsConsole(c);
    if (!c.has.session) skip('POST /api/v1/session is not on this server yet');
    // A demo officer's login (not the admin's, which later scenarios use)
    // is locked after repeated failures; the page says so in Lao too.
    const page = await c.context.newPage();
    try {
      await page.goto(`${c.base}/#/signin`);
      await page.waitForSelector('form.signin');
      await page.click('.signin-langs button[lang=lo]');
      await page.waitForFunction(() => document.documentElement.lang === 'lo', null, { timeout: STEP_MS });
      let msg = '';
      for (let i = 0; i < 8 && !/ຫຼາຍເທື່ອເກີນໄປ/.test(msg); i++) {
        await page.fill('input[name=login]', 'vn-22.officer');
        await page.fill('input[name=password]', `wrong-password-${i}`);
        await page.click('form.signin button[type=submit]');
        await page.waitForFunction((n) => document.querySelector('#signin-error')?.dataset.n !== n
          && !document.querySelector('form.signin button[type=submit]').disabled, String(i), { timeout: STEP_MS });
        msg = await page.textContent('#signin-error');
        await page.evaluate((n) => { document.querySelector('#signin-error').dataset.n = n; }, String(i));
      }
      await shot(page, 'signin_throttled_lao');
      assert(/ຫຼາຍເທື່ອເກີນໄປ/.test(msg), `no Lao throttling message after 8 failures; last: "${msg}"`);
      await page.click('.signin-langs button[lang=en]');
    } finally {
      await page.close();
    }
  }],

  ['signin_admin', async (c) => {
    needsSession(c);
    const { page } = c;
    await signIn(page, c.base);
    const who = await page.textContent('#who');
    await shot(page, 'signin_admin');
    assert(who.includes(c.has.me.full_name || ADMIN), `header shows "${who}", not the user's name`);
    const nav = await page.$$eval('nav.main-nav a', (as) => as.map((a) => a.getAttribute('data-nav')));
    for (const p of ['/hotline', '/cases', '/notices', '/stats', '/directory', '/admin/users']) {
      assert(nav.includes(p), `navigation lacks ${p}: ${nav.join(' ')}`);
    }
  }],

  ['coming_soon_placeholder', async (c) => {
    needsSession(c);
    const { page } = c;
    // The first section still waiting for its pages (they land one by one).
    let found = null;
    for (const p of ['/cases', '/notices', '/stats', '/hotline']) {
      await page.goto(`${c.base}/#${p}`);
      await page.waitForSelector('#main', { timeout: STEP_MS });
      await page.waitForTimeout(200);
      if (await page.$('.soon-box')) { found = p; break; }
    }
    if (!found) skip('every section has its pages: no placeholder left');
    const text = await page.textContent('main');
    await shot(page, 'coming_soon');
    assert(/coming soon/i.test(text), `placeholder on #${found} says "${text}"`);
    await setLang(page, 'fr');
    await page.waitForFunction(() => /Bientôt disponible/.test(document.querySelector('main').textContent), null, { timeout: STEP_MS });
    await setLang(page, 'en');
  }],

  ['language_lao', async (c) => {
    needsSession(c);
    const { page } = c;
    await page.goto(`${c.base}/#/directory`);
    await page.waitForSelector('nav.main-nav');
    await setLang(page, 'lo');
    await page.waitForFunction(() => /[\u0E80-\u0EFF]/.test(document.querySelector('nav.main-nav')?.textContent || ''),
      null, { timeout: STEP_MS });
    const nav = await page.textContent('nav.main-nav');
    await page.waitForSelector('#dir-tree ul.tree, #dir-tree .alert', { timeout: STEP_MS }).catch(() => {});
    await shot(page, 'language_lao');
    assert(nav.includes('ລາຍຊື່ໜ່ວຍງານ'), `Lao navigation lacks the Directory label: "${nav}"`);
    // The choice survives a reload (localStorage) and sets <html lang>.
    await page.reload();
    await page.waitForSelector('nav.main-nav');
    const after = await page.evaluate(() => [document.documentElement.lang, document.querySelector('nav.main-nav').textContent]);
    assert(after[0] === 'lo' && after[1].includes('ສະຖິຕິ'), `after reload: lang=${after[0]} nav="${after[1]}"`);
    // Lao glyphs come from a Lao font, not boxes: the width of Lao text
    // differs from that of the same count of missing-glyph boxes.
    const font = await page.evaluate(() => getComputedStyle(document.querySelector('nav.main-nav a')).fontFamily);
    assert(/Lao|Phetsarath|Saysettha/.test(font), `nav font is ${font}`);
    // Lao units are named in Lao for a Lao reader.
    if (c.has.units) {
      await page.click('#tab-LAO');
      await page.waitForSelector('#dir-tree ul.tree', { timeout: STEP_MS });
      const names = await page.$$eval('#dir-tree .unit-name', (els) => els.map((e) => e.textContent));
      await shot(page, 'language_lao_tree');
      assert(names.some((n) => /[\u0E80-\u0EFF]/.test(n)), `Lao tree names are not in Lao: ${names.slice(0, 5).join(', ')}`);
    }
    await setLang(page, 'en');
  }],

  ['language_vi_names', async (c) => {
    needsUnits(c);
    const { page } = c;
    await openDirectory(page, c.base, '?country=VNM');
    await setLang(page, 'vi');
    await page.waitForSelector('#dir-tree ul.tree', { timeout: STEP_MS });
    const vn = await page.$$eval('#dir-tree .unit-name', (els) => els.map((e) => e.textContent));
    assert(vn.includes('Bộ Công an'), `Vietnamese tree does not name the ministry "Bộ Công an": ${vn.slice(0, 5).join(', ')}`);
    assert(await page.textContent('nav.main-nav').then((x) => x.includes('Danh bạ')), 'the Vietnamese menu lacks "Danh bạ"');
    // Lao units carry their Vietnamese name (name_other) for Vietnamese readers.
    await page.click('#tab-LAO');
    await page.waitForSelector('#dir-tree ul.tree', { timeout: STEP_MS });
    const text = await treeSettled(page);
    await shot(page, 'language_vi_laos');
    assert(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(text),
      'no Vietnamese names in the Laos tree for a Vietnamese reader');
    await setLang(page, 'en');
  }],

  ['directory_tree_dates', async (c) => {
    needsUnits(c);
    const { page } = c;
    await openDirectory(page, c.base, '?country=VNM&on=2023-01-01');
    let text = await treeSettled(page);
    await shot(page, 'directory_2023');
    assert(text.includes('Quảng Bình'), 'Quảng Bình is missing from the tree on 2023-01-01');
    await page.click('#dir-date-today');
    await page.waitForFunction(() => !document.querySelector('#dir-tree p.muted') && document.querySelector('#dir-tree ul.tree'),
      null, { timeout: STEP_MS });
    text = await treeSettled(page);
    await shot(page, 'directory_today');
    assert(!text.includes('Quảng Bình'), 'Quảng Bình is still in the tree today');
    assert(text.includes('Quảng Trị'), 'Quảng Trị is missing from the tree today');
    // The 2023 quick button brings it back.
    await page.click('#dir-date-example');
    await page.waitForFunction(() => document.getElementById('dir-tree').textContent.includes('Quảng Bình'), null, { timeout: STEP_MS });
    // Quảng Bình says it merged into Quảng Trị, and leads there.
    await page.locator('#dir-tree .unit-btn', { hasText: 'Quảng Bình' }).first().click();
    await page.waitForSelector('#unit-detail .alert.warn', { timeout: STEP_MS });
    const warn = await page.textContent('#unit-detail .alert.warn');
    await shot(page, 'directory_merged');
    assert(/ended/.test(warn) && /Quang Tri|Quảng Trị/.test(warn), `Quảng Bình's detail says "${warn}"`);
    await page.click('#unit-detail .alert.warn button');
    await page.waitForFunction(() => /Quang Tri|Quảng Trị/.test(document.querySelector('#detail-title')?.textContent || ''),
      null, { timeout: STEP_MS });
  }],

  ['directory_counterparts', async (c) => {
    needsUnits(c);
    const { page } = c;
    await openDirectory(page, c.base, '?country=VNM');
    await page.fill('#dir-search', 'Nghệ An');
    await page.press('#dir-search', 'Enter');
    await page.waitForSelector('#dir-result-count', { timeout: STEP_MS });
    const btn = page.locator('#dir-tree .unit-btn', { hasText: 'Nghệ An' }).first();
    await btn.click({ timeout: STEP_MS });
    await page.waitForSelector('#unit-detail', { timeout: STEP_MS });
    const title = await page.textContent('#detail-title');
    const cps = await page.$$eval('#unit-detail ul.counterparts button', (bs) => bs.map((b) => [b.dataset.code, b.textContent]));
    await shot(page, 'directory_unit');
    assert(/Nghệ An|Nghe An/.test(title), `detail shows "${title}"`);
    assert(cps.length > 0, 'Nghệ An shows no counterparts');
    // A counterpart is clickable and opens the unit across the border.
    await page.click('#unit-detail ul.counterparts button');
    await page.waitForFunction((code) => document.querySelector('#unit-detail')?.dataset.code === code, cps[0][0], { timeout: STEP_MS });
    const tab = await page.getAttribute('#tab-LAO', 'aria-selected');
    await shot(page, 'directory_counterpart');
    assert(tab === 'true', 'opening a Lao counterpart did not switch to the Laos tab');
  }],

  ['directory_search_folded', async (c) => {
    needsUnits(c);
    const { page } = c;
    await openDirectory(page, c.base);
    await page.fill('#dir-search', 'nghe an');
    await page.press('#dir-search', 'Enter');
    await page.waitForSelector('#dir-result-count', { timeout: STEP_MS });
    const text = await page.textContent('#dir-tree');
    await shot(page, 'directory_search');
    assert(text.includes('Nghệ An'), `search "nghe an" did not find Nghệ An: "${text.slice(0, 200)}"`);
  }],

  ['admin_add_user', async (c) => {
    needsUsers(c);
    const { page } = c;
    const login = `e2e.officer${Date.now() % 100000}`;
    const unit = (c.has.me.unit && c.has.me.unit.code) || '';
    assert(unit, 'the admin has no unit code to give the new user');
    await page.goto(`${c.base}/#/admin/users`);
    await page.waitForSelector('#users-list table, #users-list p', { timeout: STEP_MS });
    await page.fill('#new-login', login);
    await page.fill('#new-name', 'Nguyễn Văn Thử');
    await page.fill('#new-unit', unit);
    await page.fill('#new-password', 'e2e-password-123');
    await page.click('#add-user button[type=submit]');
    await page.waitForSelector('#add-user .alert', { timeout: STEP_MS });
    const status = await page.textContent('#add-user .status');
    await page.waitForSelector(`#users-list tr[data-login="${login}"]`, { timeout: STEP_MS }).catch(() => {});
    await shot(page, 'admin_users');
    assert(/added/i.test(status), `adding the user said "${status}"`);
    assert(await page.$(`#users-list tr[data-login="${login}"]`), `${login} is not in the list`);
    // Disable, then enable again: the row's status follows.
    await page.click(`#users-list tr[data-login="${login}"] button.toggle-disabled`);
    await page.waitForFunction((l) => /disabled/i.test(document.querySelector(`tr[data-login="${l}"]`).textContent), login, { timeout: STEP_MS });
    await page.click(`#users-list tr[data-login="${login}"] button.toggle-disabled`);
    await page.waitForFunction((l) => /active/i.test(document.querySelector(`tr[data-login="${l}"]`).textContent), login, { timeout: STEP_MS });
    // Edit the roles: add supervisor; the row follows.
    const row = `#users-list tr[data-login="${login}"]`;
    await page.click(`${row} td.actions button >> nth=0`);
    await page.waitForSelector('#users-list tr.edit-row form', { timeout: STEP_MS });
    await page.check(`#edit-${login.replace(/\./g, '\\.')}-supervisor`);
    await page.click('#users-list tr.edit-row form >> nth=0 >> button[type=submit]');
    await page.waitForFunction((sel) => /supervisor/i.test(document.querySelector(sel).textContent), row, { timeout: STEP_MS });
    // Reset the password; the officer scenario signs in with the new one.
    await page.fill('#users-list tr.edit-row form >> nth=1 >> input[type=password]', 'e2e-reset-password-456');
    await page.click('#users-list tr.edit-row form >> nth=1 >> button[type=submit]');
    await page.waitForSelector('#users-list tr.edit-row form >> nth=1 >> .alert', { timeout: STEP_MS });
    const reset = await page.textContent('#users-list tr.edit-row form >> nth=1 >> .status');
    await shot(page, 'admin_users_edit');
    assert(/reset/i.test(reset), `resetting the password said "${reset}"`);
    c.newUser = { login, password: 'e2e-reset-password-456' };
  }],

  ['admin_unit_edit', async (c) => {
    needsUnits(c);
    if (!c.has.unitWrites) skip('POST /api/v1/units/{code}/contacts is not on this server yet');
    const { page } = c;
    const number = `+84 238 3000 ${String(Date.now() % 1000).padStart(3, '0')}`;
    await page.goto(`${c.base}/#/admin/units?unit=VN-22`);
    await page.waitForSelector('#contact-add', { timeout: STEP_MS });
    await page.selectOption('#contact-add select', 'phone');
    await page.fill('#contact-add input >> nth=0', number);
    await page.fill('#contact-add input >> nth=1', 'e2e duty desk');
    await page.click('#contact-add button[type=submit]');
    await page.waitForSelector('#contact-add .status .alert', { timeout: STEP_MS });
    const status = await page.textContent('#contact-add .status');
    await shot(page, 'admin_units');
    assert(/saved/i.test(status), `adding a contact said "${status}"`);
    // The directory shows it as a tel: link.
    await page.goto(`${c.base}/#/directory?country=VNM&unit=VN-22`);
    await page.waitForSelector('#unit-detail', { timeout: STEP_MS });
    const tels = await page.$$eval('#unit-detail a.tel', (as) => as.map((a) => a.getAttribute('href')));
    assert(tels.includes(`tel:${number.replace(/ /g, '')}`), `no tel: link for ${number}: ${tels.join(' ')}`);
    // A Lao name for a Vietnamese unit (name_other) is what Lao readers see.
    await page.goto(`${c.base}/#/admin/units?unit=VN-22`);
    await page.waitForSelector('#unit-edit-form', { timeout: STEP_MS });
    await page.fill('#name-other', 'ເງ້ອານ');
    await page.click('#unit-edit-form button[type=submit]');
    await page.waitForSelector('#unit-edit-form .status .alert', { timeout: STEP_MS });
    const saved = await page.textContent('#unit-edit-form .status');
    assert(/saved/i.test(saved), `saving the Lao name said "${saved}"`);
    await page.goto(`${c.base}/#/directory?country=VNM&unit=VN-22`);
    await setLang(page, 'lo');
    await page.waitForFunction(() => document.querySelector('#detail-title')?.textContent === 'ເງ້ອານ', null, { timeout: STEP_MS })
      .catch(async () => { throw new Error(`a Lao reader sees VN-22 as "${await page.textContent('#detail-title').catch(() => '?')}"`); });
    await shot(page, 'directory_lao_name_of_vn_unit');
    await setLang(page, 'en');
    // And removing the contact takes it away again.
    await page.goto(`${c.base}/#/admin/units?unit=VN-22`);
    await page.waitForSelector('#contact-add', { timeout: STEP_MS });
    const row = page.locator('#contact-add li.contact', { hasText: number });
    await row.locator('button').click();
    await page.waitForFunction((n) => !document.querySelector('#contact-add').textContent.includes(n), number, { timeout: STEP_MS });
  }],

  ['admin_unit_add_counterpart', async (c) => {
    needsUnits(c);
    if (!c.has.unitWrites) skip('POST /api/v1/units/{code}/contacts is not on this server yet');
    const { page } = c;
    // A new Lao village under Nong Het, linked to a Vietnamese commune.
    await page.goto(`${c.base}/#/admin/units`);
    await page.waitForSelector('#unit-add', { timeout: STEP_MS });
    await page.selectOption('#unit-country', 'LAO');
    await page.selectOption('#unit-level', 'village');
    await page.fill('#unit-code', 'LA-XI-V0199');
    await page.fill('#unit-parent', 'LA-XI-D01');
    await page.fill('#unit-name-local', 'ບ້ານທົດລອງ');
    await page.fill('#unit-name-en', 'Ban Thot Long');
    await page.check('#unit-border');
    await page.click('#unit-add button[type=submit]');
    await page.waitForSelector('#unit-add .status .alert', { timeout: STEP_MS });
    const added = await page.textContent('#unit-add .status');
    assert(/LA-XI-V0199 added/.test(added), `adding the unit said "${added}"`);
    await page.waitForSelector('#counterpart-add', { timeout: STEP_MS });
    await page.fill('#counterpart-code', 'VN-22-C9002');
    await page.click('#counterpart-add button[type=submit]');
    await page.waitForSelector('#counterpart-add .status .alert', { timeout: STEP_MS });
    const linked = await page.textContent('#counterpart-add');
    await shot(page, 'admin_unit_added');
    assert(/saved/i.test(linked) && /VN-22-C9002/.test(linked), `linking the counterpart said "${linked}"`);
    // The directory shows it in the tree, with its counterpart.
    await openDirectory(page, c.base, '?country=LAO&unit=LA-XI-V0199');
    // Opening a unit by link unfolds the tree down to it.
    await page.waitForSelector('#dir-tree .unit-btn.selected[data-code="LA-XI-V0199"]', { timeout: STEP_MS });
    const text = await page.textContent('#dir-tree .unit-btn.selected');
    assert(text.includes('Ban Thot Long'), `the new village is shown as "${text}" in the Laos tree`);
    await page.waitForSelector('#unit-detail ul.counterparts button', { timeout: STEP_MS });
    const cps = await page.$$eval('#unit-detail ul.counterparts button', (bs) => bs.map((b) => b.dataset.code));
    assert(cps.includes('VN-22-C9002'), `the new village's counterparts: ${cps.join(' ')}`);
  }],

  ['mobile_360_directory', async (c) => {
    needsUnits(c);
    const page = await c.context.newPage();
    try {
      await page.setViewportSize({ width: 360, height: 740 });
      await openDirectory(page, c.base, '?country=VNM');
      await page.click('#dir-tree .unit-btn');
      await page.waitForSelector('#unit-detail', { timeout: STEP_MS });
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'mobile_360_directory');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 360, `the page is ${width} px wide at a 360 px viewport (horizontal scrolling)`);
      await page.goto(`${c.base}/#/admin/users`);
      await page.waitForSelector('#users-list table, #users-list p, #users-list .alert', { timeout: STEP_MS });
      await shot(page, 'mobile_360_admin_users');
      const w2 = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(w2 <= 360, `the users page is ${w2} px wide at 360 px`);
    } finally {
      await page.close();
    }
  }],

  ['officer_sees_no_admin', async (c) => {
    needsUsers(c);
    if (!c.newUser) skip('admin_add_user did not create a user');
    const { page } = c;
    await page.goto(`${c.base}/#/directory`);
    await page.waitForSelector('#signout');
    await page.click('#signout');
    await page.waitForSelector('form.signin', { timeout: STEP_MS });
    await signIn(page, c.base, c.newUser.login, c.newUser.password);
    const nav = await page.$$eval('nav.main-nav a', (as) => as.map((a) => a.getAttribute('data-nav')));
    assert(!nav.includes('/admin/users'), 'an officer sees the Admin menu');
    assert(nav.includes('/directory'), 'an officer lacks the Directory menu');
    await page.goto(`${c.base}/#/admin/users`);
    await page.waitForSelector('main h1');
    const h1 = await page.textContent('main h1');
    await shot(page, 'officer_admin_denied');
    assert(/not allowed/i.test(h1), `an officer on #/admin/users sees "${h1}"`);
  }],

  ['session_expiry', async (c) => {
    needsUnits(c);
    if (!c.newUser) skip('admin_add_user did not create a user');
    const { page } = c;
    await page.goto(`${c.base}/#/directory?country=LAO`);
    await page.waitForSelector('#dir-tree ul.tree', { timeout: STEP_MS });
    // Past the idle timeout (30 min) on the server's fake clock.
    const r = await fetch(`${c.base}/api/v1/test/clock`, { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advance_ms: 31 * 60 * 1000 }) });
    if (r.status === 404) skip('POST /api/v1/test/clock is not on this server');
    assert(r.ok, `moving the fake clock answered ${r.status}`);
    await page.click('#tab-VNM');
    await page.waitForSelector('form.signin', { timeout: STEP_MS });
    await shot(page, 'session_expired');
    // Signing in again leads back to the page that was open.
    await page.fill('input[name=login]', c.newUser.login);
    await page.fill('input[name=password]', c.newUser.password);
    await page.click('form.signin button[type=submit]');
    await page.waitForSelector('#tab-VNM[aria-selected=true]', { timeout: STEP_MS });
    await page.waitForSelector('#dir-tree ul.tree', { timeout: STEP_MS });
  }],

  ['stats_seed_figures', async (c) => {
    needsSession(c);
    if (!c.has.stats) skip('GET /api/v1/reports/stats is not on this server yet');
    const { page } = c;
    await switchUser(page, c.base, 'analyst');
    await page.goto(`${c.base}/#/stats`);
    await page.waitForSelector('#stats-form');
    await page.fill('#stats-from', '2021-07-01');
    await page.fill('#stats-to', '2024-06-30');
    await page.selectOption('#stats-country', 'VNM');
    await page.check('#stats-border');
    await page.click('#stats-show');
    await page.waitForFunction(() => document.getElementById('stat-cases')?.textContent === '14,131', null, { timeout: STEP_MS });
    const figures = await statFigures(page);
    // The charts are drawn (Chart.js on canvases) and the downloads offered.
    await page.waitForSelector('.chart-canvas canvas', { timeout: STEP_MS });
    const canvases = await page.$$eval('.chart-canvas canvas', (cs) => cs.map((x) => x.width));
    await page.waitForSelector('#dl-csv', { timeout: STEP_MS });
    await shot(page, 'stats_vnm_border_en');
    assert(figures.cases === '14,131' && figures.suspects === '19,961' && figures.mass_kg === '1,910'
      && figures.tablets === '3,000,000' && figures.plants === '3,448', `totals shown: ${JSON.stringify(figures)}`);
    assert(canvases.length === 3 && canvases.every((w) => w > 100), `charts: ${canvases.join(',')}`);
    const csv = await page.getAttribute('#dl-csv', 'href');
    const r = await page.evaluate(async (u) => { const x = await fetch(u); return [x.status, x.headers.get('content-disposition'), await x.text()]; }, csv);
    assert(r[0] === 200 && /attachment/.test(r[1]) && r[2].includes(',14131,19961,'), `CSV download: ${r[0]} ${r[1]} ${r[2].slice(-120)}`);
    const conf = await page.getAttribute('#dl-conference', 'href');
    const rc = await page.evaluate(async (u) => { const x = await fetch(u); return [x.status, x.headers.get('content-type')]; }, conf);
    assert(rc[0] === 200 && /html/.test(rc[1]), `conference download: ${rc.join(' ')}`);
    // French groups thousands with a narrow no-break space, Vietnamese with a dot.
    await setLang(page, 'fr');
    await page.waitForFunction(() => document.getElementById('stat-cases')?.textContent === '14\u202f131', null, { timeout: STEP_MS });
    const fr = await statFigures(page);
    await shot(page, 'stats_vnm_border_fr');
    assert(fr.tablets === '3\u202f000\u202f000' && fr.mass_kg === '1\u202f910' && fr.suspects === '19\u202f961', `French figures: ${JSON.stringify(fr)}`);
    await setLang(page, 'vi');
    await page.waitForFunction(() => document.getElementById('stat-cases')?.textContent === '14.131', null, { timeout: STEP_MS });
    const vi = await statFigures(page);
    await page.waitForSelector('.chart-canvas canvas', { timeout: STEP_MS });
    await shot(page, 'stats_vnm_border_vi');
    assert(vi.tablets === '3.000.000' && vi.plants === '3.448' && vi.suspects === '19.961', `Vietnamese figures: ${JSON.stringify(vi)}`);
    const h2 = await page.$$eval('.chart-box h2', (hs) => hs.map((x) => x.textContent));
    assert(h2.includes('Số vụ theo tháng'), `Vietnamese chart titles: ${h2.join(' | ')}`);
    await setLang(page, 'en');
    // On a phone the dashboard stays within the screen.
    const phone = await c.context.newPage();
    try {
      await phone.setViewportSize({ width: 360, height: 740 });
      await phone.goto(`${c.base}/#/stats?from=2021-07-01&to=2024-06-30&country=VNM&border=1`);
      await phone.waitForFunction(() => document.getElementById('stat-cases')?.textContent === '14,131', null, { timeout: STEP_MS });
      await phone.waitForSelector('.chart-canvas canvas', { timeout: STEP_MS });
      await shot(phone, 'mobile_360_stats');
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 360, `the statistics page is ${width} px wide at 360 px`);
    } finally {
      await phone.close();
    }
  }],

  ['cases_create_view_edit', async (c) => {
    needsSession(c);
    if (!c.has.cases) skip('the cases endpoints are not on this server yet');
    const { page } = c;
    const ref = `VN-22-C9001-E2E-${Date.now() % 100000}`;
    c.caseRef = ref;
    await switchUser(page, c.base, 'vn-22-c9001.officer');
    await page.goto(`${c.base}/#/cases/new`);
    await page.waitForSelector('#case-new');
    await page.fill('#new-ref', ref);
    await page.fill('#new-summary', 'Bắt giữ tại Km 12, cửa khẩu Nậm Cắn');
    await page.fill('#new-person-0-name', 'Lò Văn Sáu');
    await page.selectOption('#new-person-0-role', 'arrested');
    await page.fill('#new-person-0-birth', '1990-04-02');
    await page.fill('#new-person-0-nat', 'VNM');
    await page.selectOption('#new-seizure-0-drug', 'methamphetamine_tablets');
    await page.selectOption('#new-seizure-0-unit', 'tablet');
    await page.fill('#new-seizure-0-qty', '2000');
    await shot(page, 'case_new');
    await page.click('#new-save');
    await page.waitForSelector('#case-title', { timeout: STEP_MS });
    const title = await page.textContent('#case-title');
    const persons = await page.textContent('#case-persons');
    const seizures = await page.textContent('#case-seizures');
    assert(title.includes(ref), `the new case page says "${title}"`);
    assert(persons.includes('Lò Văn Sáu') && /arrested/i.test(persons), `persons: "${persons}"`);
    assert(/methamphetamine/i.test(seizures) && seizures.includes('2,000'), `seizures: "${seizures}"`);
    // Edit: the status changes and a seizure is added.
    await page.selectOption('#edit-status', 'under_investigation');
    await page.fill('#add-seizure-qty', '1.5');
    await page.click('#case-edit button[type=submit]');
    await page.waitForSelector('main .alert.ok', { timeout: STEP_MS });
    const status = await page.textContent('#case-status');
    const seized = await page.$$eval('#case-seizures tbody tr', (rs) => rs.length);
    await shot(page, 'case_view_edited');
    assert(/investigation/i.test(status), `status after the edit: "${status}"`);
    assert(seized === 2, `${seized} seizures after adding one`);
    // Labels follow the language.
    await setLang(page, 'vi');
    await page.waitForSelector('#case-seizures');
    const viSeizures = await page.textContent('#case-seizures');
    await shot(page, 'case_view_vi');
    assert(/Heroin|heroin/.test(viSeizures) && !/methamphetamine_tablets/.test(viSeizures), `Vietnamese seizure labels: "${viSeizures}"`);
    await setLang(page, 'en');
    // The list holds it; a search without diacritics finds it.
    await page.goto(`${c.base}/#/cases?q=${encodeURIComponent('nam can')}`);
    await page.waitForSelector(`#cases-table tr[data-ref="${ref}"]`, { timeout: STEP_MS });
    await shot(page, 'cases_list');
    // Persons: a search in another spelling.
    await page.goto(`${c.base}/#/persons?q=${encodeURIComponent('lo van sau')}`);
    await page.waitForSelector('#persons-results table, #persons-results .alert', { timeout: STEP_MS });
    const found = await page.textContent('#persons-results');
    await shot(page, 'persons_search');
    assert(found.includes('Lò Văn Sáu'), `person search found: "${found.slice(0, 200)}"`);
    await switchUser(page, c.base, ADMIN);
  }],

  // Need to know: a Lao supervisor's cases page holds Lao cases only, and a
  // Vietnamese case is "not found" for them, even by its exact reference.
  ['cases_scope_lao_supervisor', async (c) => {
    needsSession(c);
    if (!c.has.cases) skip('the cases endpoints are not on this server yet');
    if (!c.caseRef) skip('cases_create_view_edit did not create a case');
    const { page } = c;
    await switchUser(page, c.base, 'la-xi.supervisor');
    await page.goto(`${c.base}/#/cases?country=&from=2021-07-01`);
    await page.waitForFunction(() => /\d/.test(document.getElementById('cases-count')?.textContent || ''), null, { timeout: STEP_MS });
    const units = await page.$$eval('#cases-table tbody tr td:nth-child(3)', (tds) => tds.map((td) => td.textContent));
    await shot(page, 'cases_scope_lao');
    assert(units.length > 0, 'the Lao supervisor sees no case at all');
    assert(units.every((u) => u.startsWith('LA-XI')), `units on the Lao supervisor's page: ${[...new Set(units)].join(' ')}`);
    await page.goto(`${c.base}/#/cases?q=${encodeURIComponent(c.caseRef)}`);
    await page.waitForFunction((ref) => document.getElementById('cases-q')?.value === ref &&
      (document.getElementById('cases-count')?.textContent || '').length > 0, c.caseRef, { timeout: STEP_MS });
    const rows = await page.$$eval('#cases-table tbody tr', (rs) => rs.length);
    assert(rows === 0, `a search for ${c.caseRef} shows ${rows} rows to the Lao supervisor`);
    await page.goto(`${c.base}/#/cases/view?country=VNM&ref=${encodeURIComponent(c.caseRef)}`);
    await page.waitForSelector('main .alert.error', { timeout: STEP_MS });
    const err = await page.textContent('main .alert.error');
    assert(/not found/i.test(err), `the Vietnamese case shows "${err}" to the Lao supervisor`);
    await switchUser(page, c.base, ADMIN);
  }],

  ['case_remove_person_seizure', async (c) => {
    needsSession(c);
    if (!c.has.cases) skip('the cases endpoints are not on this server yet');
    if (!c.has.caseRemovals) skip('DELETE /api/v1/cases/{country}/{ref}/persons|seizures/{id} is not on this server yet');
    const { page } = c;
    const ref = `VN-22-C9001-RM-${Date.now() % 100000}`;
    await switchUser(page, c.base, 'vn-22-c9001.officer');
    await page.goto(`${c.base}/#/cases/new`);
    await page.waitForSelector('#case-new');
    await page.fill('#new-ref', ref);
    await page.fill('#new-person-0-name', 'Lò Văn Sáu');
    await page.selectOption('#new-person-0-role', 'suspect');
    await page.click('#case-new button[type=button]');        // a second person
    await page.fill('#new-person-1-name', 'Vi Thị Hoa');
    await page.selectOption('#new-person-1-role', 'witness');
    await page.selectOption('#new-seizure-0-drug', 'heroin');
    await page.selectOption('#new-seizure-0-unit', 'kg');
    await page.fill('#new-seizure-0-qty', '1.5');
    await page.click('#new-save');
    await page.waitForSelector('#case-title', { timeout: STEP_MS });
    const rows = () => page.$$eval('#case-persons tbody tr', (rs) => rs.map((r) => r.textContent));
    assert((await rows()).length === 2, `persons before: ${await rows()}`);
    // Asking, then cancelling, changes nothing.
    const witness = await page.$$eval('#case-persons tbody tr', (rs) => rs.findIndex((r) => r.dataset.role === 'witness'));
    assert(witness >= 0, 'no witness row');
    await page.click(`#remove-person-${witness}`);
    await page.waitForSelector(`#remove-person-${witness}-yes`);
    const question = await page.textContent(`#case-persons tbody tr:nth-child(${witness + 1}) .question`);
    assert(question.includes('Vi Thị Hoa'), `the question: "${question}"`);
    await shot(page, 'case_remove_person_confirm');
    await page.click(`#remove-person-${witness}-no`);
    await page.waitForSelector(`#remove-person-${witness}`);
    assert((await rows()).length === 2, 'cancel removed someone');
    // Confirmed: the witness goes, the suspect stays.
    await page.click(`#remove-person-${witness}`);
    await page.click(`#remove-person-${witness}-yes`);
    await page.waitForSelector('#case-saved', { timeout: STEP_MS });
    const left = await rows();
    assert(left.length === 1 && left[0].includes('Lò Văn Sáu'), `persons after: ${left}`);
    // The seizure, in French.
    await setLang(page, 'fr');
    await page.waitForSelector('#remove-seizure-0');
    await page.click('#remove-seizure-0');
    await page.waitForSelector('#remove-seizure-0-yes');
    const frq = await page.textContent('#case-seizures .question');
    assert(/Retirer cette saisie/.test(frq) && /Héroïne/.test(frq), `French question: "${frq}"`);
    await shot(page, 'case_remove_seizure_confirm_fr');
    await page.click('#remove-seizure-0-yes');
    await page.waitForSelector('#case-saved', { timeout: STEP_MS });
    assert(!(await page.$('#case-seizures')), 'the seizure is still listed');
    await shot(page, 'case_removed_fr');
    await setLang(page, 'en');
    // Read-only users see no remove buttons.
    await switchUser(page, c.base, 'analyst');
    await page.goto(`${c.base}/#/cases/view?country=VNM&ref=${encodeURIComponent(ref)}`);
    await page.waitForSelector('#case-persons');
    assert(!(await page.$('#remove-person-0')), 'the analyst sees a remove button');
    await switchUser(page, c.base, ADMIN);
  }],

  ['persons_duplicates_merge', async (c) => {
    needsSession(c);
    if (!c.has.cases) skip('the cases endpoints are not on this server yet');
    if (!c.has.personPages) skip('GET /api/v1/persons/{id} and /api/v1/persons/merges are not on this server yet');
    const { page } = c;
    // Two records of one man in two cases of Nghệ An, recorded by the
    // province's supervisor over the API, with and without diacritics.
    const login = await fetch(`${c.base}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: 'vn-22.supervisor', password: ADMIN_PASSWORD }) });
    const who = { cookie: (login.headers.get('set-cookie') || '').split(';')[0], csrf: (await login.json()).csrf_token };
    const name = 'Lầu Văn Khoa';
    const stamp = Date.now() % 100000;
    for (const [i, full] of [[1, name], [2, 'Lau Van Khoa']]) {
      const r = await fetch(`${c.base}/api/v1/cases`, { method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: who.cookie, 'X-CSRF-Token': who.csrf },
        body: JSON.stringify({ ref: `VN-22-DUP-${stamp}-${i}`, country: 'VNM', unit: 'VN-22', category: 'drug_transport',
          opened: '2025-09-0' + i, persons: [{ ref: 'P1', full_name: full, birth_date: '1981-03-09', sex: 'M',
            nationality: 'VNM', role: 'arrested', ...(i === 1 ? { documents: [{ type: 'id_card', number: '040081000123', country: 'VNM' }] } : {}) }] }) });
      assert(r.status === 201, `adding case ${i}: ${r.status} ${await r.text()}`);
    }
    await switchUser(page, c.base, 'vn-22.supervisor');
    // The navigation offers the page to supervisors.
    await page.click('a[data-nav="/persons/duplicates"]');
    await page.waitForSelector('#dup-table, #dup-pairs .muted', { timeout: STEP_MS });
    await page.selectOption('#dup-min', '100');
    await page.click('#dup-filter button[type=submit]');
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('#dup-table tbody tr td:first-child')];
      return cells.length && cells.every((td) => td.textContent.trim() === '100');
    }, null, { timeout: STEP_MS });
    let idx = -1;
    for (let i = 0; i < 20 && idx < 0; i++) {   // pages of pairs, "Show more" until it is there
      idx = await page.$$eval('#dup-table tbody tr', (rs) => rs.findIndex((r) => /Khoa/.test(r.textContent)));
      if (idx < 0 && await page.isVisible('#dup-more')) await page.click('#dup-more');
      else if (idx < 0) break;
    }
    assert(idx >= 0, `the pair of ${name} is not listed at score 100`);
    await page.click(`#dup-compare-${idx}`);
    await page.waitForSelector('#dup-compare', { timeout: STEP_MS });
    const heads = await page.$$eval('#dup-compare thead th', (ths) => ths.map((x) => x.textContent));
    assert(heads.join(' ').includes(name) && heads.join(' ').includes('Lau Van Khoa'), `compared: ${heads.join(' | ')}`);
    const casesRow = await page.textContent('#dup-compare tr[data-row="5"]');
    assert(casesRow.includes(`VN-22-DUP-${stamp}-1`) && casesRow.includes(`VN-22-DUP-${stamp}-2`), `cases row: "${casesRow}"`);
    const docsRow = await page.$eval('#dup-compare tr[data-row="4"]', (r) => ({ text: r.textContent, differs: r.classList.contains('differs') }));
    assert(docsRow.text.includes('040081000123') && docsRow.differs, `documents row: ${JSON.stringify(docsRow)}`);
    assert(page.url().includes('a=') && page.url().includes('b='), `the pair is not in the link: ${page.url()}`);
    await shot(page, 'persons_duplicates_compare');
    await page.locator('#dup-pair').screenshot({ path: path.join(OUT, 'persons_duplicates_pair.png'), timeout: STEP_MS });
    // Merge, confirmed in place.
    await page.click('#dup-keep-a');
    await page.waitForSelector('#dup-keep-a-yes');
    const q = await page.textContent('#dup-pair .question');
    assert(q.includes('Khoa') && /Merge .* into /.test(q), `the merge question: "${q}"`);
    await page.click('#dup-keep-a-yes');
    await page.waitForSelector('#dup-log-table', { timeout: STEP_MS });
    await page.waitForSelector('main .alert.ok', { timeout: STEP_MS });
    const first = await page.textContent('#dup-log-table tbody tr:first-child');
    assert(first.includes('Khoa') && /In force/.test(first) && first.includes('vn-22.supervisor'), `merge log: "${first}"`);
    assert(!(await page.$$eval('#dup-table tbody tr', (rs) => rs.some((r) => /Khoa/.test(r.textContent)))),
      'the merged pair is still listed');
    await shot(page, 'persons_duplicates_merged');
    // Undo it, in Vietnamese.
    await setLang(page, 'vi');
    await page.waitForSelector('#dup-unmerge-0', { timeout: STEP_MS });
    await page.click('#dup-unmerge-0');
    await page.click('#dup-unmerge-0-yes');
    await page.waitForFunction(() => /Đã hoàn tác/.test(document.querySelector('#dup-log-table tbody tr:first-child').textContent),
      null, { timeout: STEP_MS });
    await shot(page, 'persons_duplicates_unmerged_vi');
    await page.locator('#dup-log').screenshot({ path: path.join(OUT, 'persons_duplicates_log_vi.png'), timeout: STEP_MS });
    await setLang(page, 'en');
    await switchUser(page, c.base, ADMIN);
  }],

  ['sign_out', async (c) => {
    needsSession(c);
    const { page } = c;
    await page.goto(`${c.base}/#/directory`);
    await page.waitForSelector('#signout');
    await page.click('#signout');
    await page.waitForSelector('form.signin', { timeout: STEP_MS });
    await page.reload();
    await page.waitForSelector('form.signin', { timeout: STEP_MS });
    await shot(page, 'signed_out');
    // A link opened while signed out leads there once signed in.
    if (c.has.units) {
      await page.goto(`${c.base}/#/directory?country=LAO`);
      await page.waitForSelector('form.signin');
      await page.fill('input[name=login]', ADMIN);
      await page.fill('input[name=password]', ADMIN_PASSWORD);
      await page.click('form.signin button[type=submit]');
      await page.waitForSelector('#tab-LAO[aria-selected=true]', { timeout: STEP_MS });
      await page.click('#signout');
      await page.waitForSelector('form.signin', { timeout: STEP_MS });
    }
  }],
  ['hotline_flash_escalation', async (c) => {
    needsSession(c);
    // The demo scenario: a commune officer in Nghệ An sends a FLASH alert to
    // the counterpart post in Xiengkhouang; the Lao officer sees it arrive
    // live, in Lao, with the template's fields in Lao; left unacknowledged it
    // escalates to the Lao district, then the province, and both sides'
    // thread views show each step. Time moves with the fake clock.
    const { page } = c;
    const api = (method, p, body, who) => apiCall(c.base, method, p, body, who);
    const signInApi = (login) => apiSignIn(c.base, login);
    const probeHl = await fetch(`${c.base}/api/v1/hotline/templates`);
    if (probeHl.status === 404) skip('the hotline API is not on this server');
    const vn = await signInApi('vn-22-c9001.officer');
    if (await page.$('#signout')) {
      await page.click('#signout');
      await page.waitForSelector('form.signin', { timeout: STEP_MS });
    }
    await signIn(page, c.base, 'la-xi-v0101.officer', 'redline-demo');
    await setLang(page, 'lo');
    await page.goto(`${c.base}/#/hotline`);
    await page.waitForSelector('#hl-list, #hl-empty');
    await page.waitForTimeout(500);   // the event stream is open
    const sent = await api('POST', '/api/v1/messages', { to: ['LA-XI-V0101'], kind: 'alert', priority: 'flash',
      tlp: 'amber', subject: 'Xe tải chở ma túy hướng cửa khẩu Nậm Cắn', body: 'Hai xe tải, biển số 37C',
      lang: 'vi', fields: { threat: 'drug_shipment', persons_count: 3, direction: 'Nậm Cắn → Nong Het' } }, vn);
    assert(sent.status === 201, `send answered ${sent.status}: ${JSON.stringify(sent.json)}`);
    const m = sent.json;
    await page.waitForSelector(`#hotline-banner .hl-banner.hl-flash`, { timeout: STEP_MS });
    await page.waitForSelector(`#hl-list tr[data-code="${m.code}"]`, { timeout: STEP_MS });
    const bannerText = await page.textContent('#hotline-banner');
    assert(bannerText.includes(m.code) && bannerText.includes('ດ່ວນທີ່ສຸດ'), `banner says "${bannerText}"`);
    await shot(page, 'hotline_flash_arrives_lao');
    await page.goto(`${c.base}/#/hotline?id=${m.id}`);
    await page.waitForSelector('#hl-timeline');
    const fieldsText = await page.textContent('dl.fields');
    assert(fieldsText.includes('ປະເພດໄພຂົ່ມຂູ່') && fieldsText.includes('ການຂົນສົ່ງຢາເສບຕິດ'),
      `fields are not in Lao: "${fieldsText}"`);
    await shot(page, 'hotline_thread_lao');
    const escalations = () => page.$$eval('#hl-timeline li[data-what=escalated]', (ls) => ls.length);
    for (const [step, want] of [[1, 1], [2, 2]]) {
      const r = await api('POST', '/api/v1/test/clock', { advance_ms: 16 * 60 * 1000 });
      assert(r.status === 200, `clock answered ${r.status}`);
      await page.reload();
      await page.waitForSelector('#hl-timeline');
      const n = await escalations();
      assert(n === want, `after step ${step} the Lao thread shows ${n} escalations`);
    }
    const units = await page.$$eval('tr[data-unit]', (rs) => rs.map((r) => r.dataset.unit));
    assert(units.includes('LA-XI-D01') && units.includes('LA-XI'), `addressees: ${units.join(' ')}`);
    // Why it went up, in Lao (from the reason's code, not the server's English).
    const laoWhy = await page.textContent('#hl-timeline li[data-what=escalated] .detail');
    assert(laoWhy.includes('LA-XI-V0101 ບໍ່ໄດ້ຮັບຊາບທັນເວລາ') && laoWhy.includes('LA-XI-D01'), `Lao reason: "${laoWhy}"`);
    await shot(page, 'hotline_escalated_lao');
    // The Vietnamese side sees the same steps in its own thread view.
    await page.click('#signout');
    await page.waitForSelector('form.signin', { timeout: STEP_MS });
    await signIn(page, c.base, 'vn-22-c9001.officer', 'redline-demo');
    await setLang(page, 'vi');
    await page.goto(`${c.base}/#/hotline?id=${m.id}`);
    await page.waitForSelector('#hl-timeline');
    assert(await escalations() === 2, 'the Vietnamese thread does not show both escalations');
    const tl = await page.textContent('#hl-timeline');
    assert(tl.includes('LA-XI-D01') && tl.includes('LA-XI') && tl.includes('VN-22'), `timeline: "${tl}"`);
    assert(tl.includes('LA-XI-V0101 không xác nhận đúng hạn: chuyển lên LA-XI-D01') &&
      tl.includes('VN-22 được thông báo việc chuyển lên LA-XI-D01'), `Vietnamese reasons: "${tl}"`);
    assert(!tl.includes('ack_overdue') && !tl.includes('told of'), `English or codes in the Vietnamese timeline: "${tl}"`);
    await shot(page, 'hotline_escalated_vi');
    await setLang(page, 'en');
    await page.click('#signout');
    await page.waitForSelector('form.signin', { timeout: STEP_MS });
  }],

  ['admin_settings_deadline', async (c) => {
    needsSession(c);
    // An administrator shortens the flash acknowledgement deadline on the
    // settings page; a bad value is refused and changes nothing; a flash
    // sent afterwards escalates after 6 minutes of the fake clock instead of
    // 15; the setting then goes back to its default.
    const { page } = c;
    const probeCfg = await fetch(`${c.base}/api/v1/config`);
    if (probeCfg.status === 404) skip('GET /api/v1/config is not on this server');
    const call = (method, p, body, who) => apiCall(c.base, method, p, body, who);
    const signInApi = (login) => apiSignIn(c.base, login);
    await switchUser(page, c.base, ADMIN);
    await setLang(page, 'en');
    await page.goto(`${c.base}/#/admin/settings`);
    await page.waitForSelector('#cfg-list tr[data-key="hotline.ack.flash"]');
    const input = '#cfg-hotline-ack-flash';
    assert(await page.inputValue(input) === '15m', `flash ack shows "${await page.inputValue(input)}"`);
    // a bad value: refused, nothing changed
    await page.fill(input, '30s');
    await page.click('tr[data-key="hotline.ack.flash"] .cfg-save');
    await page.waitForSelector('#admin-settings .status .alert', { timeout: STEP_MS });
    const err = await page.textContent('#admin-settings .status');
    assert(err.includes('must be from 1m to 30d'), `error says "${err}"`);
    const admin = await signInApi(ADMIN);
    let cur = await call('GET', '/api/v1/config/hotline.ack.flash', null, admin);
    assert(cur.json.value === '15m' && !cur.json.set, `after a bad value: ${JSON.stringify(cur.json)}`);
    // 5 minutes
    await page.fill(input, '5m');
    await page.click('tr[data-key="hotline.ack.flash"] .cfg-save');
    await page.waitForSelector('tr[data-key="hotline.ack.flash"][data-set="1"]', { timeout: STEP_MS });
    assert(await page.inputValue(input) === '5m', 'the page does not show 5m after saving');
    cur = await call('GET', '/api/v1/config/hotline.ack.flash', null, admin);
    assert(cur.json.value === '5m' && cur.json.updated_by === `user:${ADMIN}`, `stored: ${JSON.stringify(cur.json)}`);
    await shot(page, 'admin_settings_deadline');
    try {
      // the running server uses it: a flash escalates after 6 minutes
      const vn = await signInApi('vn-22-c9001.officer');
      const sent = await call('POST', '/api/v1/messages', { to: ['LA-XI-V0101'], kind: 'alert', priority: 'flash',
        subject: 'Thời hạn 5 phút', fields: { threat: 'drug_shipment' } }, vn);
      assert(sent.status === 201, `send answered ${sent.status}`);
      const r = await call('POST', '/api/v1/test/clock', { advance_ms: 6 * 60 * 1000 });
      assert(r.status === 200, `clock answered ${r.status}`);
      const t = await call('GET', `/api/v1/messages/${sent.json.id}?lang=en`, null, vn);
      const esc = t.json.timeline.filter((e) => e.what === 'escalated').map((e) => e.unit);
      assert(esc.join() === 'LA-XI-D01', `after 6 minutes the escalations are [${esc.join()}]`);
    } finally {
      // back to the default, through the page
      await page.goto(`${c.base}/#/admin/settings`);
      await page.waitForSelector('tr[data-key="hotline.ack.flash"] .cfg-reset');
      await page.click('tr[data-key="hotline.ack.flash"] .cfg-reset');
      await page.waitForSelector('tr[data-key="hotline.ack.flash"][data-set="0"]', { timeout: STEP_MS });
    }
    assert(await page.inputValue(input) === '15m', 'reset did not return to 15m');
  }],

  ['hotline_message_links', async (c) => {
    needsSession(c);
    // A message sent with a link to a case shows the case in the thread as
    // a link to the case page; a notice is linked from the thread view, then
    // the link is removed. The Lao counterpart sees the case and the shared
    // notice, not a notice kept in Viet Nam.
    if (!c.has.cases) skip('the cases endpoints are not on this server yet');
    const { page } = c;
    const probe = await fetch(`${c.base}/api/v1/messages/x/links`, { method: 'POST' });
    if (probe.status === 404) skip('POST /api/v1/messages/{id}/links is not on this server');
    const call = (method, p, body, who) => apiCall(c.base, method, p, body, who);
    const signInApi = (login) => apiSignIn(c.base, login);
    const vn = await signInApi('vn-22-c9001.officer');
    const ref = `VN-22-C9001-LINK-${Date.now() % 100000}`;
    const cs = await call('POST', '/api/v1/cases', { ref, country: 'VNM', unit: 'VN-22-C9001', category: 'drug_trafficking',
      opened: '2025-09-01', summary: 'Heroin qua cửa khẩu Nậm Cắn' }, vn);
    assert(cs.status === 201, `case answered ${cs.status}: ${JSON.stringify(cs.json)}`);
    const sent = await call('POST', '/api/v1/messages', { to: ['LA-XI-V0101'], kind: 'information', subject: 'Vụ heroin Nậm Cắn',
      links: [{ kind: 'case', ref }, { kind: 'notice', ref: 'DEMO-VN-0003' }] }, vn);
    assert(sent.status === 201, `send answered ${sent.status}: ${JSON.stringify(sent.json)}`);
    const m = sent.json;
    await switchUser(page, c.base, 'vn-22-c9001.officer');
    await setLang(page, 'en');
    await page.goto(`${c.base}/#/hotline?id=${m.id}`);
    await page.waitForSelector(`.hl-links li[data-kind=case][data-ref="${ref}"] a`);
    const href = await page.getAttribute(`.hl-links li[data-kind=case] a`, 'href');
    assert(href.startsWith('#/cases/view') && href.includes(`ref=${ref}`) && href.includes('country=VNM'), `case link is ${href}`);
    // link the shared wanted notice from the thread view
    await page.selectOption('.hl-links .hl-link-kind', 'notice');
    await page.fill('.hl-links .hl-link-ref', 'DEMO-VN-0001');
    await page.click('.hl-links .hl-link-form button[type=submit]');
    await page.waitForSelector('.hl-links li[data-kind=notice][data-ref="DEMO-VN-0001"] a');
    const nhref = await page.getAttribute('.hl-links li[data-kind=notice][data-ref="DEMO-VN-0001"] a', 'href');
    assert(nhref === '#/notices/show?ref=DEMO-VN-0001', `notice link is ${nhref}`);
    // an unknown record: an error, nothing added
    await page.selectOption('.hl-links .hl-link-kind', 'notice');
    await page.fill('.hl-links .hl-link-ref', 'NO-SUCH-NOTICE');
    await page.click('.hl-links .hl-link-form button[type=submit]');
    await page.waitForSelector('#hotline .status .alert', { timeout: STEP_MS });
    const err = await page.textContent('#hotline .status');
    assert(err.includes("no such notice 'NO-SUCH-NOTICE'"), `error says "${err}"`);
    assert(await page.$$eval('.hl-links li', (ls) => ls.length) === 3, 'a refused link changed the list');
    const tl = await page.textContent('#hl-timeline');
    assert(tl.includes("record linked by") && tl.includes(`Case VNM/${ref}`), `timeline: "${tl}"`);
    await shot(page, 'hotline_links_vi_side');
    // the case page opens from the link
    await page.click(`.hl-links li[data-kind=case] a`);
    await page.waitForSelector('#case-title', { timeout: STEP_MS });
    assert((await page.textContent('#case-title')).includes(ref), 'the case link did not open the case');
    // the Lao counterpart: the shared notice, not the Vietnamese-only one nor
    // the commune's case (outside a Lao post's record scope)
    await switchUser(page, c.base, 'la-xi-v0101.officer');
    await setLang(page, 'lo');
    await page.goto(`${c.base}/#/hotline?id=${m.id}`);
    await page.waitForSelector('.hl-links li[data-kind=notice]');
    const seen = await page.$$eval('.hl-links li', (ls) => ls.map((l) => l.dataset.ref));
    assert(seen.join() === 'DEMO-VN-0001', `the Lao officer sees links [${seen.join()}]`);
    assert((await page.textContent('.hl-links h3')).includes('ບັນທຶກທີ່ເຊື່ອມໂຍງ'), 'the links heading is not in Lao');
    const laoTl = await page.textContent('#hl-timeline');
    assert(!laoTl.includes('DEMO-VN-0003') && !laoTl.includes(ref) && laoTl.includes('ແຈ້ງການ DEMO-VN-0001'),
      `the Lao timeline names records it may not see: "${laoTl}"`);
    await shot(page, 'hotline_links_lao');
    // removing a link
    await page.click('.hl-links li[data-kind=notice] .hl-unlink');
    await page.waitForFunction(() => !document.querySelector('.hl-links li[data-kind=notice]'), null, { timeout: STEP_MS });
    const after = await call('GET', `/api/v1/messages/${m.id}`, null, vn);
    assert(after.json.messages[0].links.map((l) => l.ref).join() === `${ref},DEMO-VN-0003`,
      `after the removal: ${JSON.stringify(after.json.messages[0].links)}`);
    await setLang(page, 'en');
  }],

  ['hotline_compose_with_files', async (c) => {
    needsSession(c);
    // An officer composes a message with a photo: the message is sent, then
    // the file goes up as itself (not base64 in JSON) and shows in the
    // thread as a download with the same bytes. A file over 10 MiB is
    // refused before anything is sent.
    const { page } = c;
    await switchUser(page, c.base, 'vn-22-c9001.officer');
    await setLang(page, 'en');
    const outbox = async () => page.evaluate(async () => {
      const r = await fetch('/api/v1/messages?box=outbox&limit=500');
      return (await r.json()).items.length;
    });
    await page.goto(`${c.base}/#/hotline?compose=1`);
    await page.waitForSelector('#hl-compose-form');
    await page.selectOption('#hl-to', 'LA-XI-V0101');
    await page.selectOption('#hl-kind', 'information');
    await page.fill('#hl-subject', 'Ảnh hiện trường Km 12');
    const before = await outbox();
    // too big: refused in the page, nothing sent
    await page.setInputFiles('#hl-files', { name: 'video.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 7) });
    await page.click('#hl-send');
    await page.waitForSelector('#hl-compose-form .alert.error', { timeout: STEP_MS });
    const err = await page.textContent('#hl-compose-form .alert.error');
    assert(err.includes('video.mp4') && err.includes('10 MiB'), `error says "${err}"`);
    assert(await outbox() === before, 'a message was sent with an oversize file');
    // a photo larger than the 1 MiB JSON limit
    const photo = Buffer.alloc(1536 * 1024);
    for (let i = 0; i < photo.length; i++) photo[i] = (i * 31) & 255;
    await page.setInputFiles('#hl-files', { name: 'ảnh Km12.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.click('#hl-send');
    await page.waitForSelector('.hl-files li a', { timeout: STEP_MS });
    const name = await page.textContent('.hl-files li a');
    assert(name === 'ảnh Km12.jpg', `the thread lists "${name}"`);
    assert(await outbox() === before + 1, 'the message was not sent exactly once');
    const href = await page.getAttribute('.hl-files li a', 'href');
    const got = await page.evaluate(async (u) => {
      const r = await fetch(u);
      const b = new Uint8Array(await r.arrayBuffer());
      let sum = 0;
      for (let i = 0; i < b.length; i++) sum = (sum * 31 + b[i]) % 1000000007;
      return { status: r.status, len: b.length, sum };
    }, href);
    let want = 0;
    for (let i = 0; i < photo.length; i++) want = (want * 31 + photo[i]) % 1000000007;
    assert(got.status === 200 && got.len === photo.length && got.sum === want,
      `download: ${JSON.stringify(got)} (want ${photo.length} bytes)`);
    const tl = await page.textContent('#hl-timeline');
    assert(tl.includes('file attached') && tl.includes('ảnh Km12.jpg'), `timeline: "${tl}"`);
    await shot(page, 'hotline_compose_with_files');
    // Later, one more file on the message already sent, from the thread
    // (issue #4): only the sender's side has the control; a file over
    // 10 MiB is refused in the page.
    const threadUrl = page.url();
    await page.waitForSelector('form.hl-attach .hl-attach-files', { timeout: STEP_MS });
    await page.setInputFiles('form.hl-attach .hl-attach-files', { name: 'big.mov', mimeType: 'video/quicktime',
      buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 1) });
    await page.click('form.hl-attach .hl-attach-go');
    await page.waitForSelector('.hl-actions ~ .status .alert.error, .status .alert.error', { timeout: STEP_MS });
    const tooBig = await page.textContent('.status .alert.error');
    assert(tooBig.includes('big.mov') && tooBig.includes('nothing was attached'), `the thread's upload said "${tooBig}"`);
    const map = Buffer.from('%PDF-1.4\n% sơ đồ tuyến đường\n');
    await page.setInputFiles('form.hl-attach .hl-attach-files', { name: 'sơ đồ.pdf', mimeType: 'application/pdf', buffer: map });
    await page.click('form.hl-attach .hl-attach-go');
    await page.waitForFunction(() => document.querySelectorAll('.hl-files li').length === 2, null, { timeout: STEP_MS });
    const listed = await page.$$eval('.hl-files li a', (as) => as.map((a) => a.textContent));
    assert(listed.join('|') === 'ảnh Km12.jpg|sơ đồ.pdf', `the thread lists ${listed.join('|')}`);
    assert(await outbox() === before + 1, 'attaching sent another message');
    const tl2 = await page.textContent('#hl-timeline');
    assert(tl2.includes('sơ đồ.pdf (1 KB)'), `timeline after the upload: "${tl2}"`);
    await shot(page, 'hotline_thread_attach');
    // The addressee reads the files but has no control to add one.
    await switchUser(page, c.base, 'la-xi-v0101.officer');
    await page.goto(threadUrl);
    await page.waitForSelector('.hl-files li', { timeout: STEP_MS });
    assert(await page.$$eval('.hl-files li', (ls) => ls.length) === 2, 'the addressee does not see both files');
    assert(!(await page.$('form.hl-attach')), 'the addressee has the upload control');
  }],

  ['checkpoint_screening_on_phone', async (c) => {
    needsSession(c);
    if (!c.has.notices) skip('POST /api/v1/screen is not on this server yet');
    const { page } = c;
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      // A Lao checkpoint officer lands on the screening page, keys in the
      // name and birth date, presses Enter, finds the Vietnamese wanted
      // notice first and records the hit with one tap.
      if (await page.$('#signout')) {
        await page.click('#signout');
        await page.waitForSelector('form.signin', { timeout: STEP_MS });
      }
      // The operator recorded a hit at this post from the command line:
      // its notification waits for a user of the post (issue #6).
      const pendingApi = c.has.hitsPending;
      if (pendingApi) {
        const op = spawnSync(c.bin, ['--db', c.db, 'screen', '--record-hit', 'DEMO-VN-0002', '--unit', 'LA-XI-V0102',
          '--action-taken', 'informed'], { encoding: 'utf8', timeout: START_MS });
        assert(op.status === 0 && /pending/.test(op.stdout), `redline screen --record-hit: ${op.stderr || op.stdout}`);
      }
      await signIn(page, c.base, 'la-xi-v0102.checkpoint', ADMIN_PASSWORD);
      await setLang(page, 'en');
      await page.waitForSelector('#screen-form', { timeout: STEP_MS });
      if (pendingApi) {
        await page.waitForSelector('#hit-pending:not([hidden]) #hit-pending-list li[data-notice="DEMO-VN-0002"]', { timeout: STEP_MS });
        const waiting = await page.textContent('#hit-pending');
        assert(/waiting to be sent/.test(waiting) && /VN-22/.test(waiting) && /Last error/.test(waiting),
          `the pending notifications show "${waiting}"`);
      }
      await page.fill('#scr-name', 'NGUYEN VAN LONG');
      await page.fill('#scr-birth', '1985-03-12');
      await page.press('#scr-birth', 'Enter');
      await page.waitForSelector('#cands li.cand, #no-cands, #screen-results .alert', { timeout: STEP_MS });
      const first = await page.getAttribute('#cands li.cand', 'data-notice');
      assert(first === 'DEMO-VN-0001', `the first candidate is ${first}`);
      const why = await page.textContent('#cands li.cand .cand-why');
      assert(/birth/i.test(why), `no explanation shown: "${why}"`);
      await shot(page, 'checkpoint_screening_phone');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 360, `the screening page is ${width} px wide at 360 px`);
      await page.click('#cands li.cand button[data-hit="DEMO-VN-0001"]');
      await page.waitForSelector('.status .alert', { timeout: STEP_MS });
      const said = await page.textContent('.status .alert');
      assert(/VN-22/.test(said), `recording the hit said "${said}"`);
      // A namesake born on another date is not flagged.
      await page.fill('#scr-birth', '1962-07-30');
      await page.press('#scr-birth', 'Enter');
      await page.waitForSelector('#cands li.cand, #no-cands', { timeout: STEP_MS });
      const refs = await page.$$eval('#cands li.cand', (ls) => ls.map((l) => l.dataset.notice));
      assert(!refs.includes('DEMO-VN-0001'), 'a namesake with another birth date was flagged');
      if (pendingApi) {
        // One tap sends the waiting notification, as this user; the list empties.
        await page.click('#hit-resend');
        await page.waitForSelector('#hit-pending .status .alert', { timeout: STEP_MS });
        const said = await page.textContent('#hit-pending .status .alert');
        assert(/1 sent, 0 still waiting/.test(said), `resending said "${said}"`);
        await page.waitForSelector('#hit-pending-list li', { state: 'detached', timeout: STEP_MS });
        assert(await page.isHidden('#hit-resend'), 'the resend button stays with nothing to send');
        await shot(page, 'checkpoint_hit_resent');
      }
      // The post's own counters: two persons screened, one hit, today.
      await page.goto(`${c.base}/#/notices/stats`);
      await page.waitForSelector('#stats-out table, #stats-out p, #stats-out .alert', { timeout: STEP_MS });
      const stats = await page.textContent('#stats-out');
      assert(/LA-XI-V0102/.test(stats), `the checkpoint statistics show "${stats}"`);
      await page.click('#signout');
      await page.waitForSelector('form.signin', { timeout: STEP_MS });
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  }],
];

// ---------------------------------------------------------------- main

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'redline-e2e-'));
  tmpDir = tmp;
  cleanup.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const results = [];
  const report = (name, status, detail) => {
    results.push(status);
    console.log(`${status.padEnd(4)} ${name}${detail ? `: ${detail}` : ''}`);
  };

  const c = { has: { console: false } };
  let setupError = null;
  let browser = null;
  const bin = pickBin();
  try {
    if (!bin || !fs.existsSync(bin)) throw new Error(`no redline binary (set REDLINE_BIN; tried ${bin || 'build-asan, build-dev'})`);
    const help = spawnSync(bin, ['help', 'serve'], { encoding: 'utf8', timeout: START_MS });
    if (help.status !== 0) {
      c.noServe = `this redline has no "serve" command yet (${(help.stderr || '').trim().split('\n')[0]})`;
    } else {
      c.base = await startServer(bin, tmp);
      c.bin = bin;
      c.db = path.join(tmp, 'demo.db');
      c.has = await probe(c.base, listRoutes(bin, path.join(tmp, 'demo.db')));
    }
  } catch (e) {
    setupError = e;
  }

  if (!setupError && !c.noServe && c.has.console) {
    try {
      const { chromium } = await import('playwright-core');
      browser = await withTimeout(chromium.launchPersistentContext(path.join(tmp, 'profile'), {
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        viewport: { width: 1280, height: 860 },
        locale: 'en-GB',
      }), START_MS, 'launching chromium');
      cleanup.push(() => browser && browser.close().catch(() => {}));
      c.context = browser;
      c.context.setDefaultTimeout(STEP_MS);
      c.page = browser.pages()[0] || await browser.newPage();
      c.problems = [];
      const watch = (p) => {
        p.on('pageerror', (e) => c.problems.push(`page error: ${e.message}`));
        p.on('console', (m) => {
          // CSP violations and script errors show up as console errors;
          // failed API calls the scenario expects (401, 404) do not count.
          if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) c.problems.push(`console: ${m.text()}`);
        });
      };
      watch(c.page);
      browser.on('page', watch);
    } catch (e) {
      setupError = e;
    }
  }

  // REDLINE_E2E_ONLY=a,b runs only those scenarios (a quicker loop while
  // working on one page); the full suite runs them all.
  const only = (process.env.REDLINE_E2E_ONLY || '').split(',').filter(Boolean);
  for (const [name, fn] of scenarios) {
    if (only.length && !only.includes(name)) continue;
    if (name !== 'i18n_catalogues' && name !== 'fold_search_fallback') {
      if (setupError) { report(name, 'FAIL', `setup: ${setupError.message}`); continue; }
      if (c.noServe) { report(name, 'SKIP', c.noServe); continue; }
    }
    if (c.problems) c.problems.length = 0;
    try {
      await withTimeout(Promise.resolve().then(() => fn(c)), SCENARIO_MS, name);
      if (c.problems && c.problems.length) throw new Error(c.problems.slice(0, 3).join(' | '));
      report(name, 'ok');
    } catch (e) {
      if (e instanceof Skip) { report(name, 'SKIP', e.message); continue; }
      let msg = e.message.split('\n').slice(0, 6).join('\n    ');
      if (server && (server.exitCode !== null || server.signalCode !== null)) {
        msg += `\n    the server has exited (${server.exitCode ?? server.signalCode}): ${server.stderrText().trim().split('\n').slice(-3).join(' | ')}`;
      }
      report(name, 'FAIL', msg);
      if (c.page) await shot(c.page, `${name}.failed`).catch(() => {});
    }
  }

  // The server must stop cleanly on SIGTERM: under ASan a leak or a
  // sanitizer report shows here as a non-zero exit.
  if (server && c.base) {
    if (browser) { await browser.close().catch(() => {}); browser = null; }
    const code = await stopServer();
    if (code === 0) report('server_clean_exit', 'ok');
    else {
      const tail = server.stderrText().trim().split('\n').filter((l) => !l.startsWith('{')).slice(-8).join('\n    ');
      report('server_clean_exit', 'FAIL', `redline serve exited with ${code} after SIGTERM\n    ${tail}`);
    }
  }

  const passed = results.filter((r) => r === 'ok').length;
  const failed = results.filter((r) => r === 'FAIL').length;
  const skipped = results.filter((r) => r === 'SKIP').length;
  if (skipped) console.log(`${skipped} skipped (endpoint or command not on this server yet; see SKIP lines)`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

async function finish(code) {
  for (const fn of cleanup.reverse()) {
    try { await withTimeout(Promise.resolve().then(fn), 10000, 'cleanup'); } catch { /* keep going */ }
  }
  await stopServer();
  // Once more, now that nothing writes there any more.
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  process.exit(code);
}

// Last resort: never leave a server behind, whatever happened.
process.on('exit', () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
});
process.on('unhandledRejection', (e) => {
  console.log(`FAIL run.mjs: unhandled: ${e && e.message}`);
  console.log('0 passed, 1 failed');
  finish(1);
});
process.on('SIGINT', () => finish(130));
process.on('SIGTERM', () => finish(143));
main().then(finish, (e) => { console.log(`FAIL run.mjs: ${e && e.stack}`); console.log('0 passed, 1 failed'); finish(1); });
