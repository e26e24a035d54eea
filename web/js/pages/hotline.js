// hotline.js: the hotline (route #/hotline). Query: box=inbox|outbox|escalated
// and priority/state filters for the list; id=ID for a thread with its
// timeline and the actions this user may take; compose=1 for a new message
// whose addressees are only those routing allows and whose fields follow
// the kind's template, labelled in the user's language. Live notices arrive
// through startLive() (an EventSource the app opens once signed in): flash
// and urgent messages raise a banner, every notice bumps the nav badge.

import { api, qs, enc } from '../api.js';
import { t, lang, formatDate } from '../i18n.js';
import { h, mount, field } from '../dom.js';
import * as router from '../router.js';
import { errorBox, errorMessage, badge, statusLine, busy } from '../ui.js';

const BOXES = ['inbox', 'outbox', 'escalated'];
const PRIORITIES = ['routine', 'urgent', 'flash'];
const TLPS = ['clear', 'green', 'amber', 'amber_strict', 'red'];
const KINDS = ['information', 'request', 'alert'];
// The server's limit of one attachment (src/util/limit.h RL_ATTACHMENT_MAX):
// a larger file is refused here before anything is sent.
const ATTACHMENT_MAX = 10 * 1024 * 1024;

// Templates and labels per language, fetched once each.
const templates = new Map();
async function templatesFor(l) {
  if (!templates.has(l)) templates.set(l, await api.get(qs('/api/v1/hotline/templates', { lang: l })));
  return templates.get(l);
}

// A time as the officer's clock shows it: the date and hours:minutes.
function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return formatDate(iso);
  const p = (n) => String(n).padStart(2, '0');
  return `${formatDate(iso)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function prioBadge(p, label) {
  return badge(p === 'flash' ? 'flash' : p === 'urgent' ? 'urgent' : 'routine', label || p);
}

// ---- live notices ----

let source = null;
let unseen = 0;
const liveListeners = new Set();

function setBadge() {
  const a = document.querySelector('[data-nav="/hotline"]');
  if (!a) return;
  let b = a.querySelector('.nav-count');
  if (!unseen) { if (b) b.remove(); return; }
  if (!b) { b = h('span.nav-count.badge.badge-flash'); a.appendChild(b); }
  b.textContent = String(unseen);
  b.setAttribute('aria-label', t('hotline.new_count', { count: unseen }));
}

function banner(n) {
  let host = document.getElementById('hotline-banner');
  if (!host) {
    host = h('div', { id: 'hotline-banner', role: 'alert' });
    document.body.prepend(host);
  }
  const line = h(`div.hl-banner.hl-${n.priority}`, null,
    h('strong', null, n.priority === 'flash' ? t('hotline.banner_flash') : t('hotline.banner_urgent')),
    ' ', h('span', null, `${n.code} · ${n.from} · `),
    h('a', { href: router.href('/hotline', { id: n.id }), onclick: () => line.remove() }, n.subject),
    h('button.link', { type: 'button', 'aria-label': t('hotline.dismiss'), onclick: () => line.remove() }, '×'));
  host.appendChild(line);
}

export function startLive() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/v1/events');
  source.addEventListener('message', (ev) => {
    let n;
    try { n = JSON.parse(ev.data); } catch { return; }
    unseen += 1;
    setBadge();
    if (n.priority === 'flash' || n.priority === 'urgent') banner(n);
    liveListeners.forEach((fn) => fn(n));
  });
}

export function stopLive() {
  if (source) source.close();
  source = null;
  unseen = 0;
}

// ---- list ----

async function listView(ctx, root) {
  const { params } = ctx;
  const box = BOXES.includes(params.get('box')) ? params.get('box') : 'inbox';
  const priority = params.get('priority') || '';
  const overdue = params.get('overdue') === '1';
  const l = lang();
  const [data, tpl] = await Promise.all([
    api.get(qs('/api/v1/messages', { box, priority, overdue: overdue ? 'true' : '', lang: l, limit: 50 })),
    templatesFor(l),
  ]);
  unseen = 0;
  setBadge();
  const labels = tpl.labels;
  const c = data.counts || {};
  const tabs = h('div.tabs', { role: 'tablist' }, BOXES.map((b) => h('a', {
    role: 'tab', href: router.href('/hotline', { box: b }), 'aria-selected': b === box ? 'true' : 'false',
    class: b === box ? 'active' : null, dataset: { box: b },
  }, t(`hotline.box_${b}`))));
  const filters = h('div.filters', null,
    h('label', null, t('hotline.priority'), ' ', h('select', {
      id: 'hl-filter-priority',
      onchange: (e) => router.go('/hotline', { box, priority: e.target.value, overdue: overdue ? 1 : '' }),
    }, h('option', { value: '' }, t('hotline.all')),
    PRIORITIES.map((p) => h('option', { value: p, selected: p === priority }, labels[p])))),
    h('label', null, h('input', {
      type: 'checkbox', id: 'hl-filter-overdue', checked: overdue,
      onchange: (e) => router.go('/hotline', { box, priority, overdue: e.target.checked ? 1 : '' }),
    }), ' ', t('hotline.overdue_only')));
  const rows = data.items.map((m) => h('tr', { dataset: { id: m.id, code: m.code }, class: m.overdue ? 'overdue' : null },
    h('td', null, prioBadge(m.priority, m.priority_label)),
    h('td', null, h('a', { href: router.href('/hotline', { id: m.id }) }, m.code)),
    h('td', null, m.from),
    h('td', null, m.template_label || m.kind_label),
    h('td.subject', null, m.subject),
    h('td', null, m.box ? labels[m.box.state] || m.box.state : (m.closed_at ? labels.closed : '')),
    h('td', null, m.overdue ? badge('ended', t('hotline.overdue')) : '',
      m.box && m.box.role === 'escalation' ? badge('demo', t('hotline.escalated_level', { level: m.box.level })) : ''),
    h('td', null, when(m.created_at))));
  const table = data.items.length ? h('table.list', { id: 'hl-list' },
    h('thead', null, h('tr', null, [t('hotline.priority'), t('hotline.code'), t('hotline.from'),
      t('hotline.kind'), t('hotline.subject'), t('hotline.state'), '', t('hotline.created')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, rows)) : h('p.empty', { id: 'hl-empty' }, t('hotline.empty'));
  mount(root,
    h('div.hl-head', null,
      h('h1', null, ctx.label),
      h('p.counts', { id: 'hl-counts' }, t('hotline.counts', { all: c.inbox ?? 0, unread: c.unread ?? 0, overdue: c.overdue ?? 0 })),
      h('a.button', { href: router.href('/hotline', { compose: 1 }), id: 'hl-compose' }, t('hotline.compose')),
      await dutyToggle(ctx)),
    tabs, filters, table);
}

async function dutyToggle(ctx) {
  const unit = ctx.user.unit && ctx.user.unit.code;
  let on = false;
  try {
    const d = await api.get(qs('/api/v1/duty', { unit }));
    on = d.items.some((x) => x.login === ctx.user.login);
  } catch { /* the toggle still works */ }
  const box = h('input', { type: 'checkbox', id: 'hl-duty', checked: on });
  box.addEventListener('change', async () => {
    try { await api.post('/api/v1/duty', { on: box.checked }); } catch { box.checked = !box.checked; }
  });
  return h('label.duty', null, box, ' ', t('hotline.on_duty'));
}

// ---- thread ----

function fieldsList(m) {
  if (!m.fields_labeled || !m.fields_labeled.length) return null;
  return h('dl.fields', null, m.fields_labeled.map((f) => [
    h('dt', null, f.label), h('dd', null, f.value_label || String(f.value))]));
}

// Why a timeline step happened, in the reader's language: the server
// sends a code and its parameters (unit codes, references, a note as
// written); free text (a close note, a file name) comes as it was written.
function reasonText(e) {
  if (!e.code) return ['forwarded', 'closed', 'attached'].includes(e.what) ? e.detail : '';
  const p = { ...(e.params || {}) };
  if (p.why) p.why = t(`hotline.why_${p.why}`);
  if (p.kind) p.kind = t(`hotline.link_${p.kind}`);
  if (p.country && p.ref) p.ref = `${p.country}/${p.ref}`;
  if (e.code === 'attached') p.kb = Math.max(1, Math.ceil((p.size || 0) / 1024));   // as filesList shows it
  const key = `hotline.reason_${e.code}`;
  const s = t(key, p);
  return s === key ? (e.text || e.detail) : s;
}

// A message's files, each a download (served only to readers of the message).
function filesList(m) {
  if (!m.attachments || !m.attachments.length) return null;
  return h('div.hl-files', null, h('h3', null, t('hotline.files')),
    h('ul', null, m.attachments.map((f) => h('li', { dataset: { id: f.id } },
      h('a', { href: `/api/v1/attachments/${enc(f.id)}`, download: f.filename }, f.filename),
      ` · ${Math.max(1, Math.ceil(f.size / 1024))} KB`))));
}

// Adding files to a message already sent: only its sender's side may,
// while it is open (the server says the same: 403, 409). Each file goes up
// as itself through the raw route; the thread reloads when all are in.
const ATTACHMENTS_PER_MESSAGE = 16;   // src/util/limit.h RL_ATTACHMENTS_MAX

function attachForm(m, status, reload) {
  const files = h('input', { type: 'file', multiple: true, class: 'hl-attach-files', 'aria-label': t('hotline.attach') });
  const go = h('button', { type: 'submit', class: 'hl-attach-go' }, t('hotline.attach_go'));
  const form = h('form.hl-attach', { dataset: { code: m.code } },
    h('label', null, t('hotline.attach_more'), ' ', files), ' ', go);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const list = [...files.files];
    if (!list.length) return;
    const big = list.find((f) => f.size > ATTACHMENT_MAX);
    if (big) {
      status.el.replaceChildren(h('div.alert.error', { role: 'alert' },
        t('hotline.attach_too_big', { name: big.name, max: ATTACHMENT_MAX / 1024 / 1024 })));
      return;
    }
    if ((m.attachments || []).length + list.length > ATTACHMENTS_PER_MESSAGE) {
      status.el.replaceChildren(h('div.alert.error', { role: 'alert' },
        t('hotline.attach_too_many', { max: ATTACHMENTS_PER_MESSAGE })));
      return;
    }
    busy(form, async () => {
      for (const f of list) {
        try {
          await api.postRaw(`/api/v1/messages/${enc(m.id)}/attachments?filename=${enc(f.name)}`, f,
            f.type || 'application/octet-stream');
        } catch (err) {
          status.el.replaceChildren(h('div.alert.error', { role: 'alert' },
            t('hotline.attach_failed', { name: f.name, error: errorMessage(err) })));
          return;
        }
      }
      reload();
    });
  });
  return form;
}

// A link's page in the console: a case, a notice, or a person found by name.
function linkHref(l) {
  if (l.kind === 'case') return router.href('/cases/view', { country: l.country, ref: l.ref });
  if (l.kind === 'notice') return router.href('/notices/show', { ref: l.ref });
  return router.href('/persons', { q: l.label });
}

// The records a message links to (only those this reader may read), each
// with a button to remove the link, and a form to add one.
function linksBox(m, status, reload) {
  const list = (m.links || []).map((l) => h('li', { dataset: { kind: l.kind, ref: l.ref } },
    h('span.muted', null, `${t(`hotline.link_${l.kind}`)} `),
    // A person is known by name; a case or notice by its reference.
    h('a', { href: linkHref(l) }, l.kind === 'person' ? l.label : l.country ? `${l.country}/${l.ref}` : l.ref),
    l.kind !== 'person' && l.label ? ` · ${l.label}` : '', ' ',
    h('button.link', { type: 'button', class: 'hl-unlink', 'aria-label': t('hotline.link_remove'),
      title: t('hotline.link_remove'), onclick: async () => {
        try {
          await api.del(`/api/v1/messages/${enc(m.id)}/links/${enc(l.kind)}/${enc(l.id)}`);
          reload();
        } catch (e) { status.error(e); }
      } }, '×')));
  const kind = h('select', { class: 'hl-link-kind', 'aria-label': t('hotline.kind') },
    ['case', 'person', 'notice'].map((k) => h('option', { value: k }, t(`hotline.link_${k}`))));
  const ref = h('input', { class: 'hl-link-ref', maxlength: 64, required: true, 'aria-label': t('hotline.link_ref'),
    placeholder: t('hotline.link_ref') });
  const form = h('form.hl-link-form', null, kind, ' ', ref, ' ', h('button', { type: 'submit' }, t('hotline.link_add')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!ref.value.trim()) return;
    busy(form, async () => {
      try {
        await api.post(`/api/v1/messages/${enc(m.id)}/links`, { kind: kind.value, ref: ref.value.trim() });
        reload();
      } catch (err) { status.error(err); }
    });
  });
  return h('div.hl-links', { dataset: { code: m.code } },
    h('h3', null, t('hotline.links')),
    list.length ? h('ul', null, list) : null,
    form);
}

async function threadView(ctx, root) {
  const id = ctx.params.get('id');
  const l = lang();
  const [th, tpl] = await Promise.all([api.get(qs(`/api/v1/messages/${enc(id)}`, { lang: l })), templatesFor(l)]);
  const labels = tpl.labels;
  const first = th.messages[0];
  const mine = ctx.user.unit && ctx.user.unit.code;
  const status = statusLine();
  const act = async (path, body) => {
    try {
      await api.post(`/api/v1/messages/${enc(first.id)}/${path}`, body);
      router.go('/hotline', { id: first.id });
    } catch (e) { status.error(e); }
  };
  const myRow = first.addressees.find((a) => a.unit === mine && a.role !== 'copy');
  const actions = [];
  if (myRow && !first.closed_at) {
    if (['sent', 'delivered', 'read'].includes(myRow.state)) {
      actions.push(h('button', { type: 'button', id: 'hl-ack', onclick: () => act('ack') }, t('hotline.ack')));
    }
    const reply = h('textarea', { id: 'hl-reply-body', rows: 3 });
    actions.push(h('form.hl-reply', {
      onsubmit: (e) => { e.preventDefault(); if (reply.value.trim()) act('reply', { body: reply.value, lang: l }); },
    }, field(t('hotline.reply'), reply).row, h('button', { type: 'submit', id: 'hl-reply' }, t('hotline.send_reply'))));
  }
  if (first.from === mine && !first.closed_at) {
    actions.push(h('button', { type: 'button', id: 'hl-close', onclick: () => act('close', {}) }, t('hotline.close')));
  }
  const msgs = th.messages.map((m) => h('article.hl-msg', { dataset: { code: m.code } },
    h('header', null, prioBadge(m.priority, m.priority_label), ' ', badge('border', `TLP:${m.tlp.toUpperCase()}`), ' ',
      h('strong', null, m.code), ' · ', m.template_label || m.kind_label, ' · ', m.from, ' · ', when(m.created_at)),
    h('h2', null, m.subject),
    m.body ? h('p.body', { lang: m.lang }, m.body) : null,
    fieldsList(m),
    filesList(m),
    m.from === mine && !m.closed_at && (m.attachments || []).length < ATTACHMENTS_PER_MESSAGE
      ? attachForm(m, status, () => ctx.rerender()) : null,
    linksBox(m, status, () => router.go('/hotline', { id: first.id })),
    h('table.list.hl-addr', null, h('tbody', null, m.addressees.map((a) => h('tr', { dataset: { unit: a.unit } },
      h('td', null, a.unit), h('td', null, t(`hotline.role_${a.role}`)), h('td.state', null, a.state_label || a.state),
      h('td', null, a.level ? t('hotline.escalated_level', { level: a.level }) : ''),
      h('td', null, a.ack_due && ['delivered', 'read', 'sent'].includes(a.state) ? t('hotline.due', { at: when(a.ack_due) }) : '')))))));
  const timeline = h('ol.timeline', { id: 'hl-timeline' }, th.timeline.map((e) => h('li', { dataset: { what: e.what } },
    h('time', null, when(e.at)), ' ', h('strong', null, t(`hotline.ev_${e.what}`)), ' ', e.unit || '', ' ',
    reasonText(e) ? h('span.detail', null, reasonText(e)) : null)));
  mount(root,
    h('p', null, h('a', { href: router.href('/hotline', {}) }, t('hotline.back'))),
    msgs, h('div.hl-actions', null, actions), status.el,
    h('h2', null, t('hotline.timeline')), timeline);
  void labels;
}

// ---- compose ----

async function composeView(ctx, root) {
  const l = lang();
  const [tpl, addr] = await Promise.all([templatesFor(l), api.get('/api/v1/hotline/addressees')]);
  const labels = tpl.labels;
  const key = (crypto.randomUUID && crypto.randomUUID()) || `${Date.now()}-${Math.random()}`;
  const to = h('select', { id: 'hl-to', required: true },
    addr.items.map((u) => h('option', { value: u.code }, `${u.code} · ${u.name_local} (${t(`hotline.route_${u.route.replace(' ', '_')}`)})`)));
  const kind = h('select', { id: 'hl-kind' }, KINDS.map((k) => h('option', { value: k, selected: k === 'alert' }, labels[k])));
  const subtypes = tpl.items.filter((x) => x.kind === 'request');
  const subtype = h('select', { id: 'hl-subtype' }, subtypes.map((s) => h('option', { value: s.subtype }, s.label)));
  const subtypeRow = field(t('hotline.subtype'), subtype).row;
  const priority = h('select', { id: 'hl-priority' }, PRIORITIES.map((p) => h('option', { value: p }, labels[p])));
  const tlp = h('select', { id: 'hl-tlp' }, TLPS.map((x) => h('option', { value: x, selected: x === 'amber' }, labels[x])));
  const subject = h('input', { id: 'hl-subject', required: true, maxlength: 500 });
  const body = h('textarea', { id: 'hl-body', rows: 5 });
  const fieldsHost = h('fieldset.hl-fields', null);
  const files = h('input', { type: 'file', id: 'hl-files', multiple: true });
  const uploaded = new Set();   // files already attached, so a retry sends only the rest
  let inputs = {};
  const drawFields = () => {
    const isReq = kind.value === 'request';
    subtypeRow.hidden = !isReq;
    const t0 = tpl.items.find((x) => x.kind === kind.value && x.subtype === (isReq ? subtype.value : ''));
    inputs = {};
    mount(fieldsHost, h('legend', null, t0 ? t0.label : ''), (t0 ? t0.fields : []).map((f) => {
      let input;
      if (f.type === 'code') {
        input = h('select', { id: `hl-f-${f.name}` }, h('option', { value: '' }, '—'),
          f.codes.map((c) => h('option', { value: c.code }, c.label)));
      } else {
        input = h('input', { id: `hl-f-${f.name}`, type: f.type === 'date' ? 'text' : f.type === 'number' ? 'number' : 'text',
          placeholder: f.type === 'date' ? 'YYYY-MM-DD' : null, required: f.required });
      }
      inputs[f.name] = { input, type: f.type };
      return field(`${f.label}${f.required ? ' *' : ''}`, input).row;
    }));
  };
  kind.addEventListener('change', drawFields);
  subtype.addEventListener('change', drawFields);
  drawFields();
  const status = statusLine();
  const form = h('form.hl-compose', { id: 'hl-compose-form', novalidate: true }, 
    field(t('hotline.to'), to).row, field(t('hotline.kind'), kind).row, subtypeRow,
    field(t('hotline.priority'), priority).row, field(t('hotline.tlp'), tlp).row,
    field(t('hotline.subject'), subject).row, field(t('hotline.body'), body).row, fieldsHost,
    field(t('hotline.attach'), files).row,
    h('button', { type: 'submit', id: 'hl-send' }, t('hotline.send')), status.el);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const fields = {};
    for (const [name, { input, type }] of Object.entries(inputs)) {
      if (input.value !== '') fields[name] = type === 'number' ? Number(input.value) : input.value;
    }
    const msg = { to: [to.value], kind: kind.value, priority: priority.value, tlp: tlp.value,
      subject: subject.value, body: body.value, lang: l, fields, idempotency_key: key };
    if (kind.value === 'request') msg.subtype = subtype.value;
    const big = [...files.files].find((f) => f.size > ATTACHMENT_MAX);
    if (big) {
      status.el.replaceChildren(h('div.alert.error', { role: 'alert' },
        t('hotline.file_too_big', { name: big.name, max: ATTACHMENT_MAX / 1024 / 1024 })));
      return;
    }
    busy(form, async () => {
      let r;
      try {
        // The same idempotency key: a retry after a failed upload finds
        // the message already sent instead of sending it twice.
        r = await api.post('/api/v1/messages', msg);
      } catch (err) { status.error(err); return; }
      // Each file goes as itself (no base64 in JSON), after the message exists.
      for (const f of files.files) {
        if (uploaded.has(f)) continue;
        try {
          await api.postRaw(`/api/v1/messages/${enc(r.id)}/attachments?filename=${enc(f.name)}`, f,
            f.type || 'application/octet-stream');
          uploaded.add(f);
        } catch (err) {
          status.el.replaceChildren(h('div.alert.error', { role: 'alert' },
            t('hotline.upload_failed', { name: f.name, error: errorMessage(err) }), ' ',
            h('a', { href: router.href('/hotline', { id: r.id }) }, t('hotline.open_thread'))));
          return;
        }
      }
      router.go('/hotline', { id: r.id });
    });
  });
  mount(root, h('h1', null, t('hotline.compose')),
    addr.items.length ? form : h('p.empty', null, t('hotline.no_addressees')));
}

export async function render(ctx) {
  const root = h('section.page.hotline', { id: 'hotline' });
  try {
    if (ctx.params.get('id')) await threadView(ctx, root);
    else if (ctx.params.get('compose')) await composeView(ctx, root);
    else await listView(ctx, root);
  } catch (e) {
    mount(root, errorBox(e));
  }
  // A list or thread on screen follows live notices.
  liveListeners.clear();
  if (!ctx.params.get('compose')) liveListeners.add(() => { if (root.isConnected) ctx.rerender(); });
  return root;
}
