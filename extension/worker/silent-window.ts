// The window a silent sign-in needs when the IdP's site is not readable (or its page needs its
// scripts): the least a person can see. Chrome maps a window in the normal state before it
// minimizes one, even one created minimized, at the browser window's place and size, where the
// window manager draws its frame over the person's browser. So it is created tiny, in the
// screen's bottom-right corner (Chrome refuses bounds less than half on screen, so it cannot go
// off it), unfocused, and minimized at once. A popup (no tab strip, no toolbar) also reaches the
// start page sooner than a normal window. test/headed/ watches what a person sees of it.

import browser from 'webextension-polyfill';

/** Side of the window, in pixels: Chrome keeps its own minimum if that is larger. */
const SIDE = 50;

interface Bounds {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** A SIDE-square in the bottom-right corner of `area`. */
export function cornerOf(area: Bounds): Bounds {
  return { left: area.left + area.width - SIDE, top: area.top + area.height - SIDE, width: SIDE, height: SIDE };
}

/** The primary display's work area (without panels), where the browser says; undefined elsewhere. */
async function workArea(): Promise<Bounds | undefined> {
  // chrome.system.display is Chromium's (no permission warning); other browsers have none.
  const display = (globalThis as { chrome?: { system?: { display?: { getInfo(): Promise<{ isPrimary: boolean; workArea: Bounds }[]> } } } }).chrome?.system?.display;
  if (!display) return undefined;
  const displays = await display.getInfo();
  return (displays.find((each) => each.isPrimary) ?? displays[0])?.workArea;
}

export async function openSilentWindow(url: string): Promise<{ readonly windowId: number; readonly tabId: number }> {
  const area = await workArea().catch(() => undefined);
  const window = area
    ? await browser.windows.create({ url, focused: false, type: 'popup', ...cornerOf(area) })
    : await browser.windows.create({ url, focused: false, state: 'minimized', type: 'popup' });
  const tabId = window.tabs?.[0]?.id;
  if (window.id === undefined || tabId === undefined) throw new Error('the browser opened no tab for the sign-in');
  if (area) await browser.windows.update(window.id, { state: 'minimized' }).catch(() => undefined);
  return { windowId: window.id, tabId };
}
