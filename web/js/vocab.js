// vocab.js: the case vocabularies (categories, statuses, roles, drugs,
// units of measure, sexes) from GET /api/v1/vocab, loaded once; labels
// follow the console's language. Also the number formats of the reports,
// the same as the server's: thousands grouped with "," (en, lo), "." (vi)
// or a narrow no-break space (fr); decimals after "." (en, lo) or "," (vi, fr).

import { api } from './api.js';
import { lang } from './i18n.js';

let loaded = null;

export async function vocab() {
  if (!loaded) {
    loaded = api.get('/api/v1/vocab').catch((e) => { loaded = null; throw e; });
  }
  return loaded;
}

// The label of `code` in table `kind` ("drugs", ...) in the current language.
export function label(v, kind, code) {
  const list = v && v[kind];
  const term = list && list.find((x) => x.code === code);
  if (!term) return code || '';
  return (term.labels && term.labels[lang()]) || term.label || code;
}

// <option>s of a vocabulary, sorted as the server lists them.
export function options(v, kind) {
  return ((v && v[kind]) || []).map((x) => ({ value: x.code, text: label(v, kind, x.code) }));
}

const GROUP = { fr: '\u202f', vi: '.', en: ',', lo: ',' };
const DECIMAL = { fr: ',', vi: ',', en: '.', lo: '.' };

export function fmtInt(n, l = lang()) {
  const neg = n < 0;
  const digits = String(Math.round(Math.abs(Number(n) || 0)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i && (digits.length - i) % 3 === 0) out += GROUP[l] || ',';
    out += digits[i];
  }
  return (neg ? '-' : '') + out;
}

// A decimal number with up to `places` decimals, trailing zeros dropped.
export function fmtDec(x, places = 3, l = lang()) {
  const v = Number(x) || 0;
  const scaled = Math.round(Math.abs(v) * 10 ** places);
  const whole = Math.floor(scaled / 10 ** places);
  let frac = String(scaled % 10 ** places).padStart(places, '0').replace(/0+$/, '');
  const s = fmtInt(whole, l) + (frac ? (DECIMAL[l] || '.') + frac : '');
  return v < 0 ? `-${s}` : s;
}
