// dom.js: small helpers to build the page without innerHTML, so text that
// comes from the server (names, notes) is never parsed as markup, and
// without style attributes (the CSP forbids inline styles).

// h('tag.class1.class2', {attr: value, onclick: fn}, child, ...) builds an
// element. Children may be strings, nodes, arrays, null or false (skipped).
export function h(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') {
        el.addEventListener(k.slice(2), v);
      } else if (k === 'class') {
        el.className = (el.className ? el.className + ' ' : '') + v;
      } else if (k === 'value') {
        el.value = v;
      } else if (k === 'checked' || k === 'disabled' || k === 'selected') {
        // The attribute too, so form.reset() returns to this state.
        el.setAttribute(k, '');
        el[k] = !!v;
      } else if (k === 'dataset') {
        Object.assign(el.dataset, v);
      } else {
        el.setAttribute(k, v === true ? '' : String(v));
      }
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

// Replaces every child of `el` with `children`.
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let idSeq = 0;
// A fresh id for pairing <label for> with its control.
export function uid(prefix = 'f') {
  idSeq += 1;
  return `${prefix}-${idSeq}`;
}

// A labelled form field: returns {row, input}.
export function field(label, input, hint) {
  if (!input.id) input.id = uid();
  const row = h('div.field', null,
    h('label', { for: input.id }, label),
    input,
    hint ? h('small.hint', null, hint) : null);
  return { row, input };
}

// Local date as YYYY-MM-DD (the console's "today" before the server answers).
export function isoDate(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
