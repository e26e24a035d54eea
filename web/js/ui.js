// ui.js: pieces shared by the pages: error messages in the user's
// language, role labels, badges, a status line for forms.

import { t } from './i18n.js';
import { h } from './dom.js';

export const ROLES = ['officer', 'supervisor', 'analyst', 'checkpoint', 'admin'];

export function isAdmin(user) {
  return !!user && Array.isArray(user.roles) && user.roles.includes('admin');
}

export function roleLabel(r) {
  const labels = {
    officer: t('role.officer'), supervisor: t('role.supervisor'), analyst: t('role.analyst'),
    checkpoint: t('role.checkpoint'), admin: t('role.admin'),
  };
  return labels[r] || r;
}

// The user-facing sentence for an ApiError; the server's own message (in
// English, one line) is added in brackets where it says what was wrong.
export function errorMessage(e) {
  if (!e) return t('error.generic');
  const detail = e.message && e.message !== e.code ? ` (${e.message})` : '';
  if (e.code === 'network' || e.code === 'timeout') return t('error.network');
  if (e.status === 429) {
    if (!e.retryAfter) return t('error.throttled');
    return e.retryAfter >= 120 ? t('error.throttled_minutes', { minutes: Math.ceil(e.retryAfter / 60) })
      : t('error.throttled_wait', { seconds: e.retryAfter });
  }
  if (e.status === 401) return t('error.unauthorized');
  if (e.status === 403) return t('error.forbidden');
  if (e.status === 404) return t('error.not_found') + detail;
  if (e.status === 409) return t('error.conflict') + detail;
  if (e.status === 400 || e.status === 413 || e.status === 422) return t('error.invalid') + detail;
  return t('error.generic') + detail;
}

export function errorBox(e) {
  return h('div.alert.error', { role: 'alert' }, errorMessage(e));
}

export function okBox(text) {
  return h('div.alert.ok', { role: 'status' }, text);
}

export function badge(kind, text) {
  return h(`span.badge.badge-${kind}`, null, text);
}

// A region where a form reports its outcome; screen readers hear it.
export function statusLine() {
  const el = h('div.status', { 'aria-live': 'polite' });
  return {
    el,
    ok(text) { el.replaceChildren(okBox(text)); },
    error(e) { el.replaceChildren(errorBox(e)); },
    clear() { el.replaceChildren(); },
  };
}

// Disables a form's controls while `fn` runs, so a slow link does not
// produce double submissions.
export async function busy(form, fn) {
  const controls = [...form.querySelectorAll('button, input, select, textarea')];
  const was = controls.map((c) => c.disabled);
  controls.forEach((c) => { c.disabled = true; });
  form.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    controls.forEach((c, i) => { c.disabled = was[i]; });
    form.removeAttribute('aria-busy');
  }
}

// A button that asks before it acts: the first click shows the question
// with a "yes" and a "cancel" button in its place; only "yes" runs
// onConfirm (an async function; its buttons are disabled while it runs).
// Inline rather than window.confirm(), which screen readers announce
// poorly and some locked-down browsers suppress.
export function confirmButton({ label, question, yes, id, onConfirm }) {
  const box = h('span.confirm');
  function ask() {
    const ok = h('button.small.danger', { type: 'button', id: id ? `${id}-yes` : undefined }, yes);
    const no = h('button.small', { type: 'button', id: id ? `${id}-no` : undefined }, t('common.cancel'));
    ok.addEventListener('click', async () => {
      ok.disabled = true; no.disabled = true;
      try { await onConfirm(); } finally { ok.disabled = false; no.disabled = false; }
    });
    no.addEventListener('click', idle);
    box.replaceChildren(h('span.question', { role: 'alert' }, question), ' ', ok, ' ', no);
    ok.focus();
  }
  function idle() {
    box.replaceChildren(h('button.small', { type: 'button', id, onclick: ask }, label));
  }
  idle();
  return box;
}
