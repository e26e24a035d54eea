// signin.js: the sign-in page (route #/signin, and any route while signed
// out). Errors, including the throttling answer after repeated failures,
// are shown in the chosen language.

import { api, setCsrf } from '../api.js';
import { t, LANGS, lang, setLang } from '../i18n.js';
import { h, field } from '../dom.js';
import { errorMessage } from '../ui.js';

// The login typed so far survives a change of language (which redraws the page).
let typedLogin = '';

export function render({ onSignedIn }) {
  const login = h('input', { name: 'login', type: 'text', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false', maxlength: 64, value: typedLogin });
  login.addEventListener('input', () => { typedLogin = login.value; });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password',
    required: true, maxlength: 1024 });
  const error = h('div.signin-error', { role: 'alert', id: 'signin-error' });
  const submit = h('button.primary', { type: 'submit' }, t('signin.submit'));

  const form = h('form.signin', { novalidate: true, 'aria-describedby': 'signin-error' },
    h('h1', null, t('signin.title')),
    field(t('signin.login'), login).row,
    field(t('signin.password'), password).row,
    error,
    submit);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.replaceChildren();
    if (!login.value.trim() || !password.value) {
      error.replaceChildren(h('p.alert.error', null, t('signin.missing')));
      (login.value.trim() ? password : login).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('signin.busy');
    try {
      const data = await api.post('/api/v1/session', { login: login.value.trim(), password: password.value },
        { quiet401: true });
      setCsrf(data.csrf_token);
      typedLogin = '';
      onSignedIn(data);
    } catch (e) {
      const msg = (e.status === 401 || e.status === 403 || e.code === 'bad_credentials')
        ? t('signin.failed') : errorMessage(e);
      error.replaceChildren(h('p.alert.error', null, msg));
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = t('signin.submit');
    }
  });

  const langs = h('div.signin-langs', { role: 'group', 'aria-label': t('lang.label') },
    LANGS.map((l) => h('button.link', {
      type: 'button', lang: l.code, 'aria-pressed': l.code === lang() ? 'true' : 'false',
      onclick: () => setLang(l.code),
    }, l.label)));

  setTimeout(() => login.focus(), 0);
  return h('div.signin-wrap', null,
    h('div.signin-brand', null, h('img', { src: '/favicon.svg', alt: '', width: 48, height: 48 }),
      h('div', null, h('strong', null, t('app.name')), h('span', null, t('app.tagline')))),
    form,
    langs);
}
