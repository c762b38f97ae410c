// Bundles the host into one CommonJS file so that Node starts it without resolving a module
// graph, and without its ES module loader, which costs ~6 ms of a start (measured: `--help` in
// 48-52 ms as .mjs, 43 ms as .cjs, against 31 ms for `node -e 0`). Start-up is the cost that
// matters: the host starts for logins without the resident host, and the `stsbridge` command
// starts every time an AWS SDK runs credential_process.

import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  define: { __STSBRIDGE_VERSION__: JSON.stringify(pkg.version) },
  build: {
    ssr: new URL('./main.ts', import.meta.url).pathname,
    outDir: new URL('../build/native-host', import.meta.url).pathname,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
      // One file (the installer copies exactly one); modules imported lazily stay lazily evaluated.
      // The shebang makes the file runnable as npm's `bin` for the `stsbridge` command (node skips it).
      output: { entryFileNames: 'stsbridge-host.cjs', format: 'cjs', codeSplitting: false, banner: '#!/usr/bin/env node' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
