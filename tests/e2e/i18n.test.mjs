// i18n.test.mjs: checks the console's catalogues without a browser.
//   - every key of en.json is in vi.json, lo.json and fr.json (reports each
//     missing key), with no empty values and the same {placeholders};
//   - no catalogue defines a key twice (JSON.parse keeps the last one, so
//     the first text would silently disappear);
//   - every key the code asks for with t('...') in web/js is in en.json;
//   - every file under web/ is listed in web/meson.build (else the binary
//     would not embed it and the console would break only when installed);
//   - no file under web/ has an inline script, a style attribute or an
//     external URL, which the server's CSP would block.
// Run alone with `node tests/e2e/i18n.test.mjs`; run.mjs also runs it.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB = path.resolve(here, '..', '..', 'web');
const LANGS = ['vi', 'lo', 'fr'];

function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function placeholders(s) {
  return [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
}

// Returns a list of problems, each one line; empty when all is well.
export function checkWeb() {
  const problems = [];
  const load = (code) => JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', `${code}.json`), 'utf8'));
  const en = load('en');
  for (const code of ['en', ...LANGS]) {
    const seen = new Set();
    const text = fs.readFileSync(path.join(WEB, 'i18n', `${code}.json`), 'utf8');
    for (const m of text.matchAll(/^\s*"((?:[^"\\]|\\.)*)"\s*:/gm)) {
      if (seen.has(m[1])) problems.push(`${code}.json: key "${m[1]}" is defined twice`);
      seen.add(m[1]);
    }
  }
  for (const code of LANGS) {
    let cat;
    try { cat = load(code); } catch (e) { problems.push(`${code}.json: cannot read: ${e.message}`); continue; }
    for (const key of Object.keys(en)) {
      if (!(key in cat)) problems.push(`${code}.json: missing key "${key}"`);
      else if (typeof cat[key] !== 'string' || !cat[key].trim()) problems.push(`${code}.json: empty value for "${key}"`);
      else if (placeholders(cat[key]) !== placeholders(en[key])) {
        problems.push(`${code}.json: "${key}" has placeholders {${placeholders(cat[key])}}, en has {${placeholders(en[key])}}`);
      }
    }
    for (const key of Object.keys(cat)) {
      if (!(key in en)) problems.push(`${code}.json: key "${key}" is not in en.json`);
    }
  }

  const files = walk(WEB);
  const used = new Set();
  for (const f of files.filter((x) => x.endsWith('.js'))) {
    // Comments may quote t() in prose; only code counts.
    const src = fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of src.matchAll(/\bt\(\s*'([^']+)'/g)) {
      used.add(m[1]);
      if (!(m[1] in en)) problems.push(`${path.relative(WEB, f)}: key "${m[1]}" is not in en.json`);
    }
  }
  if (used.size < 50) problems.push(`only ${used.size} keys found in web/js: the scan is broken`);

  const listed = fs.readFileSync(path.join(WEB, 'meson.build'), 'utf8');
  for (const f of files) {
    const rel = path.relative(WEB, f).split(path.sep).join('/');
    if (rel === 'meson.build') continue;
    if (!listed.includes(`'${rel}'`)) problems.push(`web/meson.build does not list ${rel}`);
    if (/\.(html|js|css|svg)$/.test(rel)) {
      const src = fs.readFileSync(f, 'utf8');
      if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(src) && rel.endsWith('.html')) problems.push(`${rel}: inline <script>`);
      if (/\sstyle=["']/i.test(src) || /<style/i.test(src)) problems.push(`${rel}: inline style`);
      if (/https?:\/\/(?!www\.w3\.org\/2000\/svg)/i.test(src.replace(/\/\/.*$/gm, ''))) problems.push(`${rel}: external URL`);
      if (/\beval\(|new Function\(|\.innerHTML\s*=/.test(src)) problems.push(`${rel}: eval or innerHTML`);
    }
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = checkWeb();
  for (const p of problems) console.log(`  ${p}`);
  console.log(problems.length ? `i18n: FAIL (${problems.length} problems)` : 'i18n: ok');
  process.exit(problems.length ? 1 : 0);
}
