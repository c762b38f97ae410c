// The inventory (inventory.ts) of the files as they are now: the credentials file, the config
// file and stsbridge's cache, read without a lock (a rename never shows half a file).

import type { AwsFiles } from '../disk/paths';
import { readExisting } from '../disk/read';
import { cachePath } from './cache';
import { inventory, type Inventory } from './inventory';

export async function readInventory({ credentialsFile, configFile }: AwsFiles, now: Date): Promise<Inventory & { readonly cache: string }> {
  const cache = cachePath(credentialsFile);
  const [credentials, config, cached] = await Promise.all([
    readExisting(credentialsFile),
    readExisting(configFile),
    // A file where the cache's folder should be holds no cache (a write says what is wrong).
    readExisting(cache).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOTDIR') return { text: '' };
      throw error;
    }),
  ]).then((files) => files.map((file) => file.text));
  return { ...inventory({ credentials: { file: credentialsFile, text: credentials! }, config: { file: configFile, text: config! }, cache: cached! }, now), cache };
}
