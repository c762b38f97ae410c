// bench extension-js-gzip: every JavaScript file in dist/, gzipped one by one and summed, which
// is what the browser stores and parses (the lazily loaded chunks included).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { report } from './stats';

export function measureBundle(dist: string): void {
  const files = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => path.join(entry.parentPath, entry.name));
  const sizes = files.map((file) => ({ file: path.relative(dist, file), gzip: gzipSync(readFileSync(file), { level: 9 }).length }));
  const total = sizes.reduce((sum, entry) => sum + entry.gzip, 0);
  const largest = [...sizes].sort((a, b) => b.gzip - a.gzip).slice(0, 3);
  report('extension-js-gzip', total / 1024, 'KB', `${files.length} files; largest: ${largest.map((e) => `${e.file} ${(e.gzip / 1024).toFixed(1)} KB`).join(', ')}`);
}
