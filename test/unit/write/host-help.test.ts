import { describe, expect, it } from 'vitest';
import { reinstallHint, REINSTALL_HINT } from '../../../extension/write/host-help';
import { EXTENSION_ID } from '../../../native-host/protocol';

describe('what to run when the host is missing or refuses', () => {
  it('is the clone’s installer for the unpacked extension', () => {
    expect(reinstallHint(EXTENSION_ID)).toBe('In the stsbridge folder, run ./install-host.sh (add --check to see what is wrong), then log in again.');
    expect(REINSTALL_HINT).toBe(reinstallHint(EXTENSION_ID));
  });

  it("names a store copy's own ID, which its host must be installed for", () => {
    expect(reinstallHint('abcdefghijklmnopabcdefghijklmnop')).toBe(
      "Install the stsbridge host for this extension's ID: stsbridge install --extension-id abcdefghijklmnopabcdefghijklmnop (from the stsbridge-host npm package; add --check to see what is wrong), then log in again.",
    );
  });
});
