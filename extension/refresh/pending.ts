// Silent sign-ins under way, by the tab they run in. The worker's webRequest listener asks here
// whether a SAML POST belongs to one: such a POST goes to the sign-in that opened the tab, which
// knows the roles it wants, instead of starting a login of its own.

import type { SamlPost } from '../capture/saml-post';

const byTab = new Map<number, (post: SamlPost) => void>();

/** Routes the next SAML POST from `tabId` to `captured`; returns the function that stops it. */
export function awaitPost(tabId: number, captured: (post: SamlPost) => void): () => void {
  byTab.set(tabId, captured);
  return () => {
    if (byTab.get(tabId) === captured) byTab.delete(tabId);
  };
}

/** Hands `post` to the silent sign-in running in `tabId`; false when none is. */
export function claimPost(tabId: number, post: SamlPost): boolean {
  const captured = byTab.get(tabId);
  if (!captured) return false;
  byTab.delete(tabId);
  captured(post);
  return true;
}
