// The inventory (inventory.ts) of the files as they are now: the credentials file, the config
// file and stsbridge's cache, read without a lock (a rename never shows half a file).

import type { AwsFiles } from '../disk/paths';
import { readExisting } from '../disk/read';
import { cachePath, readCacheText } from './cache';
import { inventory, type Inventory } from './inventory';

export function readInventory({ credentialsFile, configFile }: AwsFiles, now: Date): Inventory & { readonly cache: string } {
  const cache = cachePath(credentialsFile);
  const credentials = readExisting(credentialsFile).text;
  const config = readExisting(configFile).text;
  // A damaged cache lists no process profile's keys: a sign-in writes it anew (cache.ts).
  const read = readCacheText(cache);
  const cached = 'text' in read ? read.text : '';
  return { ...inventory({ credentials: { file: credentialsFile, text: credentials }, config: { file: configFile, text: config }, cache: cached }, now), cache };
}
