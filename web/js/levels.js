// levels.js: labels for the levels of the network and for countries. The
// server names a level by rank or by name (countries[].levels); the label
// shown is the translation of the level's kind, so "district" reads
// "huyện" in Vietnamese and "ເມືອງ" in Lao.

import { t } from './i18n.js';

let countries = [];

export function setCountries(list) {
  countries = Array.isArray(list) ? list : [];
}

export function getCountries() {
  return countries;
}

export function countryLabel(code) {
  const names = { VNM: t('country.VNM'), LAO: t('country.LAO') };
  return names[code] || code;
}

function kindLabel(kind) {
  const labels = {
    ministry: t('level.ministry'), province: t('level.province'), district: t('level.district'),
    commune: t('level.commune'), village: t('level.village'), checkpoint: t('level.checkpoint'),
  };
  return labels[kind];
}

// Used only when GET /api/v1/countries did not answer: rank 0 is the ministry.
const RANK_KIND = {
  VNM: { 0: 'ministry', 1: 'province', 2: 'district', 3: 'commune' },
  LAO: { 0: 'ministry', 1: 'province', 2: 'district', 3: 'village' },
};

// The label of `level` (a rank number or a name) in `country`.
export function levelLabel(country, level) {
  if (level === null || level === undefined || level === '') return '';
  const c = countries.find((x) => x.code === country);
  let name = null;
  if (typeof level === 'number' || /^\d+$/.test(String(level))) {
    const rank = Number(level);
    const def = c && Array.isArray(c.levels) ? c.levels.find((l) => Number(l.rank) === rank) : null;
    name = def ? (def.key || def.name) : (RANK_KIND[country] || RANK_KIND.VNM)[rank];
  } else {
    name = String(level);
  }
  if (!name) return String(level);
  const kind = String(name).toLowerCase().trim();
  return kindLabel(kind) || kindLabel(kind.split(/[\s/_-]+/)[0]) || String(name);
}
