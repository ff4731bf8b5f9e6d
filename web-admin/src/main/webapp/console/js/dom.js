// Building the page from code, never from HTML strings: every text goes in as a text node, so nothing that comes
// from the API (a user name, an audit detail) can become markup or script.

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(element, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.setAttribute('class', value);
    else if (key === 'text') element.textContent = value;
    else if (key === 'on') {
      for (const [type, handler] of Object.entries(value)) element.addEventListener(type, handler);
    } else if (key === 'style') throw new Error('no style attributes: the Content-Security-Policy forbids them');
    else if (key in element && typeof value !== 'string' && typeof value !== 'number') element[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An HTML element: h('button', {type: 'button', on: {click}}, 'Save'). */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  apply(element, props);
  append(element, children);
  return element;
}

/** An SVG element, with its attributes given as they are written. */
export function svg(tag, attributes, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes || {})) element.setAttribute(name, String(value));
  append(element, children);
  return element;
}

/** Replaces an element's content. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let uniqueCounter = 0;

/** A document-unique id for pairing labels, descriptions and fields. */
export function uid(prefix) {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}

/** A labelled form field: {label, name, type, value, required, options (for select), hint, list}. */
export function field(spec) {
  const id = uid(`f-${spec.name}`);
  const control = spec.options ? select(id, spec) : input(id, spec);
  const hint = spec.hint ? h('small', {id: `${id}-hint`, class: 'hint'}, spec.hint) : null;
  if (hint) control.setAttribute('aria-describedby', hint.id);
  const wrapper = h('div', {class: spec.type === 'checkbox' ? 'field check' : 'field'});
  const label = h('label', {for: id}, spec.label);
  if (spec.type === 'checkbox') append(wrapper, [control, label, hint]);
  else append(wrapper, [label, control, hint]);
  return wrapper;
}

function input(id, spec) {
  const element = h('input', {id, name: spec.name, type: spec.type || 'text', required: spec.required,
    autocomplete: spec.autocomplete || 'off', list: spec.list, inputmode: spec.inputmode,
    placeholder: spec.placeholder});
  if (spec.type === 'checkbox') element.checked = Boolean(spec.value);
  else if (spec.value !== undefined && spec.value !== null) element.value = String(spec.value);
  return element;
}

function select(id, spec) {
  const element = h('select', {id, name: spec.name, required: spec.required},
    spec.options.map(option => h('option', {value: option.value ?? option}, option.label ?? option)));
  if (spec.value !== undefined && spec.value !== null) element.value = String(spec.value);
  return element;
}

/** A datalist of suggestions for a text field (user and group names). */
export function datalist(id, values) {
  return h('datalist', {id}, values.map(value => h('option', {value})));
}

/** A table with a caption; rows are arrays of cells (strings or nodes). */
export function table(caption, headers, rows, emptyText) {
  if (rows.length === 0) return h('p', {class: 'empty'}, emptyText);
  return h('div', {class: 'table-wrap'},
    h('table', null,
      h('caption', null, caption),
      h('thead', null, h('tr', null, headers.map(text => h('th', {scope: 'col'}, text)))),
      h('tbody', null, rows.map(cells => h('tr', null,
        cells.map((cell, index) => h('td', {'data-label': headers[index]}, cell)))))));
}

/** A page's heading: focusable, so that moving to a page can move the keyboard focus there. */
export function heading(text) {
  return h('h1', {tabindex: -1}, text);
}

/** A section of a page with its own heading. */
export function section(title, ...children) {
  const id = uid('section');
  return h('section', {class: 'card', 'aria-labelledby': id}, h('h2', {id}, title), children);
}
