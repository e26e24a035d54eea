// admin_common.js: the tabs shared by the admin pages (users, units).

import { t } from '../i18n.js';
import { h } from '../dom.js';

export function adminTabs(active) {
  const tabs = [
    { path: '/admin/users', label: t('admin.users') },
    { path: '/admin/units', label: t('admin.units') },
    { path: '/admin/settings', label: t('admin.settings') },
  ];
  return h('nav.subnav', { 'aria-label': t('nav.admin') },
    tabs.map((x) => h('a', { href: `#${x.path}`, 'aria-current': x.path === active ? 'page' : null,
      class: x.path === active ? 'active' : null }, x.label)));
}

// A group of role checkboxes; `get()` returns the ticked roles.
export function roleChecks(roles, selected, labelFn, idPrefix) {
  const boxes = roles.map((r) => {
    const id = `${idPrefix}-${r}`;
    const box = h('input', { type: 'checkbox', id, value: r, checked: selected.includes(r), name: 'roles' });
    return { r, el: h('label.check', { for: id }, box, ' ', labelFn(r)), box };
  });
  return {
    el: h('fieldset.roles', null, h('legend', null, t('users.roles')), boxes.map((b) => b.el)),
    get: () => boxes.filter((b) => b.box.checked).map((b) => b.r),
  };
}
