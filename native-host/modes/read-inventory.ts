// The inventory (inventory.ts) of the files as they are now: the credentials file, the config
// file and stsbridge's cache, read without a lock (a rename never shows half a file).

import type { AwsFiles } from '../disk/paths';
import { readExisting } from '../disk/read';
import { cachePath } from './cache';
import { inventory, type Inventory } from './inventory';

export function readInventory({ credentialsFile, configFile }: AwsFiles, now: Date): Inventory & { readonly cache: string } {
  const cache = cachePath(credentialsFile);
  const credentials = readExisting(credentialsFile).text;
  const config = readExisting(configFile).text;
  const cached = readCacheText(cache);
  return { ...inventory({ credentials: { file: credentialsFile, text: credentials }, config: { file: configFile, text: config }, cache: cached }, now), cache };
}

/** A file where the cache's folder should be holds no cache (a write says what is wrong). */
function readCacheText(cache: string): string {
  try {
    return readExisting(cache).text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return '';
    throw error;
  }
}
