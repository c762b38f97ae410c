// An identity provider's page as a silent sign-in reads it (refresh/sign-in-page.ts): fetched by
// the worker with the browser's cookies, or taken from the window it opened. Both only where the
// person let stsbridge read that site (optional host access): the browser refuses the fetch's
// response and the page script everywhere else, which is the answer "cannot tell".

import browser from 'webextension-polyfill';
import { MAX_PAGE_CHARS, readSignInPage, type SignInPage } from '../refresh/sign-in-page';

/** The page at `address`, read; undefined where stsbridge may not read the site or the fetch failed. */
export async function fetchIdpPage(address: string, limitMs: number): Promise<SignInPage | undefined> {
  // Asked first: without access, the fetch would go out (cookies and all) only to be refused.
  if (!(await browser.permissions.contains({ origins: [`${new URL(address).origin}/*`] }))) return undefined;
  // The browser's cookies go with it: with access to the site, the browser treats the worker's
  // request as the site's own, SameSite cookies included. Redirects are followed; one to a site
  // without access fails, as it should.
  const response = await fetch(address, { credentials: 'include', cache: 'no-store', signal: AbortSignal.timeout(limitMs) });
  if (!response.ok || !/\bhtml\b/i.test(response.headers.get('content-type') ?? '')) return undefined;
  return readSignInPage(await textUpTo(response, MAX_PAGE_CHARS), response.url);
}

/** What the page in `tabId` shows. */
export async function readIdpPage(tabId: number): Promise<SignInPage | undefined> {
  const [frame] = await browser.scripting.executeScript({ target: { tabId }, func: pageSource, args: [MAX_PAGE_CHARS] });
  const source = frame?.result as { html: string; url: string } | undefined;
  return typeof source?.html === 'string' && typeof source.url === 'string' ? readSignInPage(source.html, source.url) : undefined;
}

/** Runs in the page: its markup as it stands (scripts may have written the form). Self-contained. */
function pageSource(limit: number): { html: string; url: string } {
  return { html: document.documentElement.outerHTML.slice(0, limit), url: location.href };
}

/** The body as text, no more than `limit` characters of it read from the network. */
async function textUpTo(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < limit) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text.slice(0, limit);
}
