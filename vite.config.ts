import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crx } from '@crxjs/vite-plugin';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { manifestHosts } from './extension/manifest-hosts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * `@aws-sdk/xml-builder` maps its XML parser to a DOMParser-based one through its package.json
 * `browser` field, and a service worker has no DOMParser ("ReferenceError: DOMParser is not
 * defined" on the first STS reply). Its plain `xml-parser.js` is pure JavaScript: use that one.
 */
function awsSdkWorkerXmlParser(): Plugin {
  return {
    name: 'stsbridge:aws-sdk-worker-xml-parser',
    enforce: 'pre',
    resolveId(source, importer) {
      if (importer && /[\\/]@aws-sdk[\\/]xml-builder[\\/]dist-es[\\/]/.test(importer) && /^\.\/xml-parser(?:\.browser)?(?:\.js)?$/.test(source)) {
        return path.join(path.dirname(importer), 'xml-parser.js');
      }
      return undefined;
    },
  };
}

/**
 * @smithy/core imports its event-stream codec lazily, for operations that stream events. STS has
 * none, so that chunk (4.6 KB gzipped) could never load; it is replaced by a module that says so
 * loudly, should a future SDK version ever reach for it.
 */
function withoutEventStreams(): Plugin {
  const id = '\0stsbridge:no-event-streams';
  return {
    name: 'stsbridge:no-event-streams',
    enforce: 'pre',
    resolveId(source) {
      return source === '@smithy/core/event-streams' ? id : undefined;
    },
    load(moduleId) {
      if (moduleId !== id) return undefined;
      return `const missing = () => { throw new Error('stsbridge bundles no AWS event-stream support: STS has no event-stream operations.'); };
export const EventStreamSerde = class { constructor() { missing(); } };
export const eventStreamSerdeProvider = missing;`;
    },
  };
}

/**
 * The policy schema the manifest names (storage.managed_schema): Chrome hands an extension only
 * the policy values its schema describes. Kept beside the code that reads them
 * (extension/storage/policy.ts), and emitted at the root of dist/ as it is.
 */
function managedSchema(): Plugin {
  return {
    name: 'stsbridge-managed-schema',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: manifest.storage.managed_schema, source: readFileSync(new URL('./extension/storage/managed-schema.json', import.meta.url), 'utf8') });
    },
  };
}

function withHosts(source: typeof manifest, version: string) {
  const { hostPermissions, contentScriptMatches } = manifestHosts();
  return {
    ...source,
    version,
    host_permissions: [...hostPermissions],
    content_scripts: source.content_scripts.map((script) => ({ ...script, matches: [...contentScriptMatches] })),
  };
}

export default defineConfig({
  plugins: [
    awsSdkWorkerXmlParser(),
    managedSchema(),
    withoutEventStreams(),
    // The version shown in chrome://extensions is package.json's, so there is one to bump; the
    // host lists come from the partition table (extension/manifest-hosts.ts).
    crx({ manifest: withHosts(manifest, pkg.version) }),
  ],
  build: {
    target: 'chrome120',
    // Source maps would double what Chrome loads into the worker on every wake-up: only on
    // request (STSBRIDGE_SOURCEMAPS=1), and then scripts/package.ts ships them too.
    sourcemap: process.env.STSBRIDGE_SOURCEMAPS === '1',
    emptyOutDir: true,
  },
});
