// Every element on the page is built here, from text: data never goes through innerHTML, and a
// link only ever points inside the page (`#/…`) or to an http(s) address.
export type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

const ALLOWED_ATTRS = /^(class|id|title|lang|role|type|for|name|placeholder|hidden|tabindex|rel|target|dir|datetime|(data|aria)-[a-z-]+)$/;

/** `#/…` routes and http(s) URLs only; anything else (javascript:, data:, …) gives null. */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  if (href.startsWith('#/')) return href;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'href') {
      const safe = safeHref(String(value));
      if (safe) el.setAttribute('href', safe);
      if (safe && !safe.startsWith('#/')) el.setAttribute('rel', 'noopener noreferrer nofollow');
      continue;
    }
    if (!ALLOWED_ATTRS.test(key)) throw new Error(`attribute ${key} is not allowed`);
    el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** `text` with every occurrence of `needle` wrapped in <mark>, as nodes. */
export function highlight(text: string, needle: string): Node[] {
  if (!needle) return [document.createTextNode(text)];
  const out: Node[] = [];
  let from = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, from)) {
    if (i > from) out.push(document.createTextNode(text.slice(from, i)));
    out.push(h('mark', null, needle));
    from = i + needle.length;
  }
  if (from < text.length) out.push(document.createTextNode(text.slice(from)));
  return out;
}
