// i18n.js: the console's four languages. Catalogues are flat JSON objects
// in /i18n/{lang}.json; a key missing from one falls back to English, and a
// key missing from English shows as the key itself (so a gap is visible,
// never blank). The chosen language lives in localStorage (it is not a
// secret) and in <html lang>, which also picks the right font.

export const LANGS = [
  { code: 'vi', label: 'Tiếng Việt' },
  { code: 'lo', label: 'ພາສາລາວ' },
  { code: 'en', label: 'English' },
  { code: 'fr', label: 'Français' },
];

const STORE_KEY = 'redline.lang';
const cache = new Map();
let current = 'en';
let catalogue = {};
let fallback = {};
const listeners = new Set();

async function load(code) {
  if (cache.has(code)) return cache.get(code);
  const res = await fetch(`/i18n/${code}.json`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`catalogue ${code}: HTTP ${res.status}`);
  const data = await res.json();
  cache.set(code, data);
  return data;
}

function known(code) {
  return LANGS.some((l) => l.code === code);
}

// The language to start in: the remembered one, else the browser's, else English.
export function initialLang() {
  let saved = null;
  try { saved = localStorage.getItem(STORE_KEY); } catch { /* private mode */ }
  if (saved && known(saved)) return saved;
  for (const l of navigator.languages || []) {
    const base = String(l).slice(0, 2).toLowerCase();
    if (known(base)) return base;
  }
  return 'en';
}

export async function setLang(code) {
  if (!known(code)) code = 'en';
  fallback = await load('en');
  try {
    catalogue = code === 'en' ? fallback : await load(code);
  } catch {
    catalogue = fallback;   // a broken catalogue must not lock the user out
  }
  current = code;
  document.documentElement.lang = code;
  try { localStorage.setItem(STORE_KEY, code); } catch { /* ignore */ }
  for (const fn of listeners) fn(code);
}

export function lang() {
  return current;
}

export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

// Translates a key; {name} placeholders take values from `vars`.
export function t(key, vars) {
  let s = catalogue[key] ?? fallback[key] ?? key;
  if (vars) {
    s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  }
  return s;
}

// The name of a unit in the user's language: a Vietnamese reader sees a
// Vietnamese unit's local name and a Lao unit's name_other (the server's
// name in the other country's language), a Lao reader the reverse; English
// and French readers see the English name. `country` defaults to the
// object's own; parents carry none, so callers pass their child's.
export function localName(obj, country = obj && obj.country) {
  if (!obj) return '';
  // Units nested in users carry no country; their code's prefix says it.
  if (!country && typeof obj.code === 'string') country = { VN: 'VNM', LA: 'LAO' }[obj.code.slice(0, 2)];
  const own = (current === 'vi' && country === 'VNM') || (current === 'lo' && country === 'LAO');
  const other = (current === 'vi' && country === 'LAO') || (current === 'lo' && country === 'VNM');
  if (own && obj.name_local) return obj.name_local;
  if (other && obj.name_other) return obj.name_other;
  return obj.name_en || obj.name_local || obj.code || '';
}

// The other name, shown smaller beside the chosen one when it differs.
export function otherName(obj, country = obj && obj.country) {
  if (!obj) return '';
  if (!country && typeof obj.code === 'string') country = { VN: 'VNM', LA: 'LAO' }[obj.code.slice(0, 2)];
  const shown = localName(obj, country);
  // Beside an English name, the local one; beside a local one, the English.
  const other = shown === obj.name_en ? obj.name_local : obj.name_en;
  return other && other !== shown ? other : '';
}

export function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(`${String(iso).slice(0, 10)}T00:00:00`);
  if (Number.isNaN(d.getTime())) return String(iso);
  const loc = { vi: 'vi-VN', lo: 'lo-LA', en: 'en-GB', fr: 'fr-FR' }[current] || 'en-GB';
  // A browser without Lao date names would fall back to English month
  // names; day/month/year in digits reads the same in every language.
  if (!Intl.DateTimeFormat.supportedLocalesOf([loc]).length) {
    const [y, m, dd] = String(iso).slice(0, 10).split('-');
    return `${dd}/${m}/${y}`;
  }
  try {
    return d.toLocaleDateString(loc, { year: 'numeric', month: 'short', day: 'numeric' });
  } catch {
    return String(iso).slice(0, 10);
  }
}
