// What the test tiers need from the machine, in one place. Outside CI a missing part skips the
// tests that need it: the warning names the part and how to get it, and the closing summary
// counts and names every skipped test. Under CI=true nothing may be skipped: asking for a part
// that is missing throws, so the suite fails to load, naming what was missing.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const IN_CI = /^(1|true)$/i.test(process.env.CI ?? '');

const ROOT = path.resolve(import.meta.dirname, '..');

/** Debian's chromium; Playwright cannot download a browser of its own here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Called by full path: the `aws` first on PATH can be an old v1 without export-credentials. */
export const AWS_CLI = '/usr/bin/aws';
/** The real-world fixtures live beside the project, never inside it. */
export const REAL_WORLD_DIR = path.resolve(ROOT, '../shared/fixtures/real-world');
export const DIST = path.join(ROOT, 'dist');

export interface Requirement {
  readonly name: string;
  readonly present: () => boolean;
  readonly remedy: string;
}

export const chromiumBinary: Requirement = {
  name: `Chromium (${CHROMIUM})`,
  present: () => existsSync(CHROMIUM),
  remedy: 'apt-get install chromium (.ci/run does)',
};

export const builtExtension: Requirement = {
  name: `the built extension (${DIST}/manifest.json)`,
  present: () => existsSync(path.join(DIST, 'manifest.json')),
  remedy: 'npm run build (npm test does)',
};

export const awsCli: Requirement = {
  name: `the AWS CLI (${AWS_CLI})`,
  present: () => existsSync(AWS_CLI),
  remedy: 'apt-get install awscli (.ci/run does)',
};

/** Whether `command` runs and exits 0: how a tool that may be missing is looked for. */
function succeeds(command: string, args: readonly string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A desktop a person would see, for the headed tier (test/headed/desktop.ts). */
export const desktopTools: Requirement = {
  name: 'an X desktop: Xvfb, openbox, xdotool, xterm, xev and xprop',
  present: () => ['Xvfb', 'openbox', 'xdotool', 'xterm', 'xev', 'xprop'].every((tool) => succeeds('sh', ['-c', `command -v ${tool}`])),
  remedy: 'apt-get install xvfb openbox xdotool xterm x11-utils (.ci/run does)',
};

export const botocore: Requirement = {
  name: "botocore, the AWS CLI's own (awscli.botocore) and boto3's, under /usr/bin/python3",
  present: () => succeeds('/usr/bin/python3', ['-c', 'import awscli.botocore.session, botocore.session']),
  remedy: 'apt-get install awscli python3-boto3 (.ci/run does)',
};

export const boto3: Requirement = {
  name: "boto3 under /usr/bin/python3 (Debian's python3-boto3)",
  present: () => succeeds('/usr/bin/python3', ['-c', 'import boto3']),
  remedy: 'apt-get install python3-boto3 (.ci/run does)',
};

export const realWorldFixtures: Requirement = {
  name: `the real-world fixtures (${REAL_WORLD_DIR})`,
  present: () => existsSync(REAL_WORLD_DIR),
  remedy: 'they are not in the clone: put the shared folder (fixtures/real-world/, with its PROVENANCE.md) beside it, as ../shared/',
};

/** A second Unix user, to show that another user cannot reach the host's socket. */
export const SECOND_USER = 'stsbridge-other';

const onPath = (command: string) => succeeds('sh', ['-c', `command -v ${command}`]);

export const rootForSecondUser: Requirement = {
  name: 'root, with useradd and runuser (to act as a second user)',
  present: () => process.getuid?.() === 0 && onPath('useradd') && onPath('runuser'),
  remedy: 'run the tests as root (CI does), or accept that this one is skipped',
};

export const rootForMounts: Requirement = {
  name: 'root, with unshare and mount (a private mount namespace, for a small full disk)',
  present: () => process.getuid?.() === 0 && onPath('unshare') && succeeds('unshare', ['-m', 'true']),
  remedy: 'run the tests as root (CI does), or accept that this one is skipped',
};

/** Linux Chromium reads enterprise policy from here; only root may write it. */
export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';

export const rootForPolicy: Requirement = {
  name: `root (to write Chromium's policy folder ${CHROMIUM_POLICY_DIR})`,
  present: () => process.getuid?.() === 0,
  remedy: 'run the tests as root (CI does), or accept that the policy tests are skipped',
};

/** Every requirement above: the closing summary names those missing when tests were skipped. */
export const ALL_REQUIREMENTS: readonly Requirement[] = [chromiumBinary, builtExtension, awsCli, desktopTools, botocore, boto3, realWorldFixtures, rootForSecondUser, rootForMounts, rootForPolicy];

/** Creates SECOND_USER (no home, no login) unless it exists. Needs root. */
export function ensureSecondUser(): void {
  try {
    execFileSync('id', ['-u', SECOND_USER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SECOND_USER], { stdio: 'ignore' });
  }
}

/**
 * True when every requirement is present. Otherwise: under CI, throws naming what is missing;
 * elsewhere, warns that the tests asking are skipped, and returns false for `skipIf`.
 */
export function has(...requirements: readonly Requirement[]): boolean {
  const missing = requirements.filter((requirement) => !requirement.present());
  if (missing.length === 0) return true;
  const list = missing.map((requirement) => `${requirement.name}: ${requirement.remedy}`).join('; ');
  if (IN_CI) throw new Error(`CI runs every test, and these are missing: ${list}`);
  console.warn(`skipping the tests that need ${list}`);
  return false;
}
