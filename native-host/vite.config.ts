// Bundles the host into one ES module so that Node starts it without resolving a module graph:
// the host is spawned on every login, and its start-up must hide behind the STS round trip.

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
      output: { entryFileNames: 'stsbridge-host.mjs', format: 'es', codeSplitting: false },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});
