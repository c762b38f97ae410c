// The two DOM helpers every page uses. Values from assertions, pages and the host are only ever
// set as text, never as HTML.

/** The element with `id`; the pages' HTML is ours, so a missing one is a bug caught by the e2e tests. */
export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
