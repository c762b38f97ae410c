// The pieces that must agree across files: the manifest's key and the extension ID the host
// trusts, the built manifest's host lists and the partition table, the installer's constants.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { allStsHosts, PARTITIONS } from '../../extension/aws/partitions';
import { SIGNIN_URL_PATTERNS } from '../../extension/capture/saml-post';
import { EXTENSION_ID, HOST_NAME } from '../../native-host/protocol';
import { builtExtension, DIST, has } from '../requirements';

const root = path.resolve(import.meta.dirname, '../..');

describe('manifest.json', () => {
  it('has a key whose extension ID is the one the host allows', () => {
    const der = Buffer.from(manifest.key, 'base64');
    const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
    const id = [...hex].map((digit) => String.fromCharCode('a'.charCodeAt(0) + Number.parseInt(digit, 16))).join('');
    expect(id).toBe(EXTENSION_ID);
  });

  it('holds no host list of its own: the build generates them from the partition table', () => {
    expect(manifest).not.toHaveProperty('host_permissions');
    for (const script of manifest.content_scripts) expect(script).not.toHaveProperty('matches');
  });

  it('asks for no permission beyond what the flow uses', () => {
    // notifications and alarms: "profiles refreshed" and "expiring in 10 minutes", on by default;
    // identity: launchWebAuthFlow, for OpenID Connect sign-ins; scripting: reading whether a
    // silent sign-in's page asks for a password, on a site the person let stsbridge see (no
    // warning of its own: without a site's access it reaches nothing); system.display: the screen's
    // corner, where a silent sign-in's window is least seen (no warning either).
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'identity', 'nativeMessaging', 'notifications', 'scripting', 'storage', 'system.display', 'webRequest']);
  });

  it('asks for a site only when the person grants it: every https site is optional, none is required', () => {
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
  });

  it('names icons that exist, at the sizes Chrome asks for', () => {
    const icons = { ...manifest.icons, ...manifest.action.default_icon };
    for (const file of Object.values(icons)) expect(existsSync(path.join(root, file)), file).toBe(true);
    expect(Object.keys(manifest.icons)).toEqual(['16', '32', '48', '128']);
  });

  it('names entry points that exist', () => {
    const entries = [manifest.background.service_worker, manifest.action.default_popup, manifest.options_ui.page, ...manifest.content_scripts.flatMap((script) => script.js)];
    for (const file of entries) expect(existsSync(path.join(root, file)), file).toBe(true);
  });

  it('takes its version from package.json, not from itself', () => {
    expect(manifest).not.toHaveProperty('version');
  });
});

describe.runIf(has(builtExtension))('the built manifest (dist/manifest.json)', () => {
  const built = () => JSON.parse(readFileSync(path.join(DIST, 'manifest.json'), 'utf8')) as { host_permissions: string[]; content_scripts: { matches: string[] }[] };

  it('grants every sign-in host and STS endpoint of the partition table, and nothing else', () => {
    // Written out from the table here, not through manifest-hosts.ts, so a mistake there shows.
    const signin = Object.values(PARTITIONS).flatMap((info) => (info.signinHost ? [`https://${info.signinHost}/saml*`, `https://*.${info.signinHost}/saml*`] : []));
    const sts = Object.values(PARTITIONS).flatMap((info) => info.regions.map((region) => `https://sts.${region}.${info.stsDomain}/*`));
    expect([...built().host_permissions].sort()).toEqual([...signin, ...sts].sort());
    expect(sts).toHaveLength(allStsHosts().length);
  });

  it('runs the role-page reader on exactly the sign-in pages the worker watches', () => {
    const scripts = built().content_scripts;
    expect(scripts).toHaveLength(1);
    expect([...scripts[0]!.matches].sort()).toEqual([...SIGNIN_URL_PATTERNS].sort());
  });
});

describe('install-host.sh', () => {
  const script = readFileSync(path.join(root, 'install-host.sh'), 'utf8');
  it('registers the host name and the extension ID that the code uses', () => {
    expect(script).toContain(`HOST_NAME='${HOST_NAME}'`);
    expect(script).toContain(`EXTENSION_ID='${EXTENSION_ID}'`);
  });
});
