// The storage items themselves, made from the list in items.ts. Feature code reads and writes
// through these, never `storage.*.get` directly, so every value is checked on its way in.
//
// Two items read through the organisation's policy (storage.managed, policy.ts): `settings` is
// the person's synced settings over the policy's defaults, with its locked fields forced; and
// `accountNames` adds the policy's names to those learned from AWS's role page (which is what
// its `update` writes).

import browser from 'webextension-polyfill';
import { ITEMS, type ItemSpec } from './items';
import { effectiveSettings, NO_POLICY, parsePolicy, type Policy } from './policy';
import type { Settings } from './settings';
import { storageItem, type StorageItem } from './storage-item';

type Items = typeof ITEMS;
type Store = { readonly [K in keyof Items]: Items[K] extends ItemSpec<infer T> ? StorageItem<T> : never };

const all = Object.fromEntries(Object.entries(ITEMS).map(([name, spec]) => [name, storageItem(spec as ItemSpec<unknown>)])) as unknown as Store;

type Reader<T> = Pick<StorageItem<T>, 'get' | 'watch'>;

/**
 * The policy as last read, until the browser says it changed. Read once per context: right after
 * the browser starts, Chromium answers the first storage.managed read only once its policy
 * service is up (measured: 2.4 s), and every settings read would wait that long again.
 */
let policyRead: Promise<Policy> | undefined;
/** The live policy once its read has answered; undefined until then. */
let policyKnown: Policy | undefined;

/** The organisation's policy; none where the browser has no managed storage (or it fails). */
export const policy: Reader<Policy> = {
  get() {
    policyRead ??= browser.storage.managed.get().then(
      (raw) => {
        policyKnown = parsePolicy(raw);
        keepSeen(raw);
        return policyKnown;
      },
      () => (policyKnown = NO_POLICY),
    );
    return policyRead;
  },
  watch(listener) {
    const onChanged = (_changes: unknown, areaName: string) => {
      if (areaName !== 'managed') return;
      policyRead = undefined;
      policyKnown = undefined;
      void policy.get().then(listener);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  },
};

/** Keeps the policy as read for the next start (policySeen), when it changed. */
function keepSeen(raw: unknown): void {
  const now = ITEMS.policySeen.parse(raw);
  void all.policySeen
    .get()
    .then((seen) => (JSON.stringify(seen) === JSON.stringify(now) ? undefined : all.policySeen.set(now)))
    .catch(() => undefined);
}

/**
 * The policy without waiting: the live one once known, else the one this browser last read
 * (none the first time). For what must not wait seconds after the browser starts (a login's STS
 * requests), and only with a check against `policy.get()` before anything is kept.
 */
async function policySoon(): Promise<Policy> {
  if (policyKnown) return policyKnown;
  void policy.get();
  return parsePolicy(await all.policySeen.get());
}

/** The synced settings as stored, unparsed: policy.ts reads them over the policy's defaults. */
const storedSettings = storageItem<unknown>({ ...ITEMS.settings, parse: (stored) => stored });

/** The person's own settings, without the policy: what the options page shows until the policy is read. */
export const ownSettings: Reader<Settings> = {
  get: async () => effectiveSettings(await storedSettings.get(), NO_POLICY),
  watch: (listener) => storedSettings.watch((stored) => listener(effectiveSettings(stored, NO_POLICY))),
};

const settings: Reader<Settings> = {
  async get() {
    // The policy first, then the stored settings: read after a wait on the policy, they are as
    // they are now, not as they were when the read began (a cached read must not go stale).
    const current = await policy.get();
    return effectiveSettings(await storedSettings.get(), current);
  },
  watch(listener) {
    const again = () => void settings.get().then(listener, () => undefined);
    const stops = [storedSettings.watch(again), policy.watch(again)];
    return () => stops.forEach((stop) => stop());
  },
};

/** The settings now, over the policy last seen until the live one is known (policySoon). */
export const settingsSoon = async (): Promise<Settings> => {
  const current = await policySoon();
  return effectiveSettings(await storedSettings.get(), current);
};

/** The account names now, the policy's last seen until the live one is known (policySoon). */
export const accountNamesSoon = async (): Promise<Readonly<Record<string, string>>> => {
  const current = await policySoon();
  return { ...(await all.accountNames.get()), ...current.accountNames };
};

/** The account names learned from AWS's role page alone, without waiting for the policy. */
export const learnedAccountNames: Reader<Readonly<Record<string, string>>> = all.accountNames;

const accountNames: StorageItem<Readonly<Record<string, string>>> = {
  ...all.accountNames,
  async get() {
    const current = await policy.get();
    return { ...(await all.accountNames.get()), ...current.accountNames };
  },
  watch(listener) {
    const again = () => void accountNames.get().then(listener, () => undefined);
    const stops = [all.accountNames.watch(again), policy.watch(again)];
    return () => stops.forEach((stop) => stop());
  },
};

/** Every item; `settings` is read-only here: writes go through save-settings.ts, which checks them. */
export const store: Omit<Store, 'settings'> & { readonly settings: Reader<Settings> } = { ...all, settings, accountNames };
