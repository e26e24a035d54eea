// fold.js: folds names for a client-side search that ignores case and
// Vietnamese diacritics ("nghe an" finds "Nghệ An"). Latin letters lose
// their combining marks; other scripts (Lao) keep theirs, because Lao vowel
// and tone signs are combining marks that carry meaning. The server's
// `q` parameter is preferred; this is the fallback and the highlighter.

const LATIN_BASE = /[A-Za-z]/;

export function fold(s) {
  if (!s) return '';
  const nfd = String(s).normalize('NFD').replace(/[đĐ]/g, 'd');
  let out = '';
  let prevLatin = false;
  for (const ch of nfd) {
    const isMark = /\p{M}/u.test(ch);
    if (isMark) {
      if (!prevLatin) out += ch;
      continue;
    }
    prevLatin = LATIN_BASE.test(ch);
    out += ch;
  }
  return out.toLowerCase().replace(/\s+/g, ' ').trim();
}

// True when every word of the folded query occurs in the folded text.
export function matches(text, query) {
  const q = fold(query);
  if (!q) return true;
  const t = fold(text);
  return q.split(' ').every((w) => t.includes(w));
}
