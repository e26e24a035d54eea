// soon.js: the placeholder for sections not built yet (Hotline, Cases,
// Notices & screening, Statistics): says so plainly, in the user's language.

import { t } from '../i18n.js';
import { h } from '../dom.js';

export function render({ label }) {
  return h('section.page.soon', null,
    h('h1', null, label),
    h('div.soon-box', null,
      h('p.soon-title', null, t('soon.title')),
      h('p', null, t('soon.body')),
      h('p', null, h('a', { href: '#/directory' }, t('soon.directory')))));
}
