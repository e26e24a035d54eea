// api.js: the one place that talks to the server. Every call is
// same-origin with the session cookie; every write carries the CSRF token,
// which lives only in this module's memory (never in storage, so a script
// injected elsewhere cannot lift it from there). Errors become ApiError
// with the server's code and message, or a "network" code when the link
// drops, which is common at commune posts.

let csrf = null;
let onUnauthorized = null;
// Counts sign-ins and sign-outs. A 401 to a request made before the last
// one (a page of the previous user still loading when another signs in)
// says nothing about the session now, and must not sign the new user out.
let epoch = 0;

export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message || code);
    this.status = status;           // HTTP status, 0 for a network failure
    this.code = code;               // the server's error code, e.g. "not_found"
    this.retryAfter = retryAfter;   // seconds, from Retry-After, or null
  }
}

export function setCsrf(token) {
  csrf = token || null;
  epoch += 1;
}

// Called once with a function run when any call answers 401 (session expired).
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

const TIMEOUT_MS = 20000;

export async function request(method, path, body, { quiet401 = false, raw, type } = {}) {
  const headers = { Accept: 'application/json' };
  const opts = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  } else if (raw !== undefined) {
    // A raw body (CSV uploads) for the few routes that take one.
    headers['Content-Type'] = type;
    opts.body = raw;
  }
  if (method !== 'GET' && method !== 'HEAD' && csrf) headers['X-CSRF-Token'] = csrf;
  const started = epoch;
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
  opts.signal = ctl.signal;
  let res;
  try {
    res = await fetch(path, opts);
  } catch (e) {
    throw new ApiError(0, ctl.signal.aborted ? 'timeout' : 'network', String(e && e.message || e));
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) {
    const err = (data && data.error) || {};
    const ra = res.headers.get('Retry-After');
    const e = new ApiError(res.status, err.code || `http_${res.status}`, err.message || res.statusText,
      ra && /^\d+$/.test(ra) ? Number(ra) : null);
    if (res.status === 401 && !quiet401 && onUnauthorized && started === epoch) onUnauthorized(e);
    throw e;
  }
  return data;
}

export const api = {
  get: (path, opts) => request('GET', path, undefined, opts),
  post: (path, body, opts) => request('POST', path, body ?? {}, opts),
  patch: (path, body, opts) => request('PATCH', path, body ?? {}, opts),
  put: (path, body, opts) => request('PUT', path, body ?? {}, opts),
  del: (path, opts) => request('DELETE', path, undefined, opts),
  postRaw: (path, raw, type, opts) => request('POST', path, undefined, { ...opts, raw, type }),
};

// Builds "path?k=v&..." skipping empty values.
export function qs(path, params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  }
  const s = u.toString();
  return s ? `${path}?${s}` : path;
}

export const enc = encodeURIComponent;
