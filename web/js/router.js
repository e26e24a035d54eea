// router.js: hash routes ("#/directory?country=VNM&on=2023-01-01"), so the
// one index.html serves every page and reloads keep the place.

export function current() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const qi = raw.indexOf('?');
  const path = qi < 0 ? raw : raw.slice(0, qi);
  const params = new URLSearchParams(qi < 0 ? '' : raw.slice(qi + 1));
  return { path: path.startsWith('/') ? path : `/${path}`, params };
}

export function href(path, params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  }
  const s = u.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

export function go(path, params) {
  const target = href(path, params);
  if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = target;
}

// Changes the query of the current page without a new history entry or a
// re-render (for filters the page already shows).
export function replaceParams(params) {
  const { path } = current();
  history.replaceState(null, '', href(path, params));
}

export function onRoute(fn) {
  window.addEventListener('hashchange', fn);
}
