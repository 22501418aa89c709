// Building DOM from API data. Notes are user content: every string goes in as
// text (textContent or an attribute), never as HTML.

/**
 * An element with attributes and children. Children are nodes or strings
 * (strings become text nodes); null, undefined and false are skipped.
 * `on: { click: fn }` adds listeners.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'on') for (const [event, listener] of Object.entries(value)) element.addEventListener(event, listener);
    else if (name === 'className') element.className = value;
    else if (name === 'style') for (const [property, v] of Object.entries(value)) element.style.setProperty(property, v);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A button that looks like a link, for moving around inside the page. */
export function linkButton(label, onClick, props = {}) {
  return h('button', { type: 'button', className: `link ${props.className ?? ''}`.trim(), title: props.title, on: { click: onClick } }, label);
}

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * A search hit's highlight: HTML-escaped text with matches in <mark>…</mark>.
 * Rebuilt from text nodes and <mark> elements rather than parsed as HTML, so
 * nothing in it but the marks can ever become markup.
 */
export function highlightFragment(highlight) {
  const fragment = document.createDocumentFragment();
  highlight.split(/(<mark>|<\/mark>)/).reduce((marked, part) => {
    if (part === '<mark>') return true;
    if (part === '</mark>') return false;
    const text = part.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]);
    if (text) fragment.append(marked ? h('mark', {}, text) : document.createTextNode(text));
    return marked;
  }, false);
  return fragment;
}

/** `document:lineStart-lineEnd`, the form a citation takes everywhere in kubenotes. */
export function citation({ document: name, lineStart, lineEnd }) {
  return `${name}:${lineStart}-${lineEnd}`;
}

/** A list that shows its first `limit` items and a button for the rest (long lists at 100× the notes). */
export function truncatedList(items, render, { limit = 30, className = '', more = (n) => `Show ${n} more` } = {}) {
  const list = h('ul', { className });
  list.append(...items.slice(0, limit).map(render));
  if (items.length > limit) {
    const button = h('button', { type: 'button', className: 'more' }, more(items.length - limit));
    button.addEventListener('click', () => {
      list.append(...items.slice(limit).map(render));
      button.remove();
    });
    return h('div', {}, list, button);
  }
  return list;
}
