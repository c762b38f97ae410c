// The pieces that must agree across files: the manifest's key and the extension ID the host
// trusts, the host permissions and the endpoint table, the installer's constants.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { allStsHosts } from '../../extension/saml/endpoints';
import { SIGNIN_URL_PATTERNS } from '../../extension/background/capture';
import { EXTENSION_ID, HOST_NAME } from '../../native-host/protocol';

const root = path.resolve(import.meta.dirname, '../..');

describe('manifest.json', () => {
  it('has a key whose extension ID is the one the host allows', () => {
    const der = Buffer.from(manifest.key, 'base64');
    const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
    const id = [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + Number.parseInt(digit, 16))).join('');
    expect(id).toBe(EXTENSION_ID);
  });

  it('grants exactly the sign-in endpoints and the STS hosts of the endpoint table', () => {
    const expected = [...SIGNIN_URL_PATTERNS, ...allStsHosts().map((host) => `https://${host}/*`)];
    expect([...manifest.host_permissions].sort()).toEqual(expected.sort());
  });

  it('asks for no permission beyond what the flow uses', () => {
    // notifications and alarms: "profiles refreshed" and "expiring in 10 minutes", on by default.
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'nativeMessaging', 'notifications', 'storage', 'webRequest']);
  });

  it('names icons that exist, at the sizes Chrome asks for', () => {
    const icons = { ...manifest.icons, ...manifest.action.default_icon };
    for (const file of Object.values(icons)) expect(existsSync(path.join(root, file)), file).toBe(true);
    expect(Object.keys(manifest.icons)).toEqual(['16', '32', '48', '128']);
  });

  it('runs the role-page reader on exactly the sign-in pages it watches', () => {
    expect(manifest.content_scripts).toEqual([{ matches: SIGNIN_URL_PATTERNS, js: ['extension/content/role-page.ts'], run_at: 'document_idle' }]);
  });

  it('takes its version from package.json, not from itself', () => {
    expect(manifest).not.toHaveProperty('version');
  });
});

describe('install-host.sh', () => {
  const script = readFileSync(path.join(root, 'install-host.sh'), 'utf8');
  it('registers the host name and the extension ID that the code uses', () => {
    expect(script).toContain(`HOST_NAME='${HOST_NAME}'`);
    expect(script).toContain(`EXTENSION_ID='${EXTENSION_ID}'`);
  });
});
