// `stsbridge setup NAME`: moves a profile between the two modes (ini/process-profile.ts), holding
// the credentials file's lock throughout so that no sign-in's write lands half way. Only
// stsbridge's own lines move: the keys between the credentials file and the cache, and the
// `credential_process` line in and out of the config file. A name that would fall into the
// precedence trap (someone else's keys in the credentials file) or that gets its credentials
// another way (role_arn, SSO, someone else's credential_process) is refused, with the reason.

import { configSectionName, upsertProfiles, upsertSections, type SectionEdit } from '../ini/edit';
import { optionValue, readLayout } from '../ini/layout';
import { foreignKeys, managedCredentials, removeProfiles, type ManagedCredentials } from '../ini/managed';
import { configCredentials, PROCESS_KEY, processCommandLine, type ProfileMode } from '../ini/process-profile';
import { allSectionsOf, CONFIG_RULES, CREDENTIALS_RULES, sectionsByProfile, type FileRules } from '../ini/sections';
import { editAwsFile, withAwsFileLock } from '../disk/locked-edit';
import type { AwsFiles } from '../disk/paths';
import { readExisting, resolveRealPath } from '../disk/read';
import { allOrNothing, removeUndoLeftovers } from '../disk/undo';
import { cachePath, editCache, readCached } from './cache';

export type ModeOutcome =
  | { readonly changed: boolean; readonly notes: readonly string[] }
  | { readonly problem: string };

/**
 * Config keys that give a profile its credentials before botocore ever runs credential_process
 * (its provider chain: assume-role, web identity and SSO come first).
 */
const EARLIER_SOURCES = ['role_arn', 'web_identity_token_file', 'sso_session', 'sso_start_url', 'sso_account_id'];

/** Makes `profile` a process profile whose config line runs `command`. */
export function setProcessMode(files: AwsFiles, profile: string, command: readonly string[]): Promise<ModeOutcome> {
  const line = processCommandLine(command, profile);
  if (line === undefined) return Promise.resolve({ problem: `the path of the stsbridge command (${command.join(' ')}) holds a quote or a line break, which credential_process cannot run; install it in another folder` });
  const cache = cachePath(files.credentialsFile);
  return withAwsFileLock(files.credentialsFile, async (editCredentials) => {
    const credentialsText = readExisting(files.credentialsFile).text;
    const configText = readExisting(files.configFile).text;
    const refusal = processRefusal(profile, files, credentialsText, configText);
    if (refusal) return { problem: refusal };
    const inFile = managedCredentials(credentialsText, profile);
    const current = configCredentials(configText).get(profile);
    const cached = readCached(cache, profile);
    const inCache = 'found' in cached ? cached.found : undefined;
    // Keys in the credentials file move to the cache, unless the cache already holds later ones.
    const keys: ManagedCredentials | undefined = 'found' in inFile && !(inCache && later(inCache, inFile.found)) ? inFile.found : undefined;
    if (!inCache && !keys) return { problem: `${profile} is not a profile stsbridge has written (\`stsbridge list\` shows them); sign in through the AWS console once, then run this again` };
    if (!('found' in inFile) && current?.ownProcess && configLine(configText, profile) === line) return { changed: false, notes: [] };
    const notes: string[] = [];
    // Cache first, the config line next, the credentials file last; a failure on the way (a full
    // disk) puts every file back as it was (disk/undo.ts): never static keys beside a
    // credential_process, which would win over it.
    await allOrNothing(moved(files, cache), async () => {
      if (keys) notes.push(...(await editCache(cache, [{ name: profile, ...keys }])).notes);
      notes.push(...(await editAwsFile(files.configFile, (text) => upsertSections(text, [processSection(profile, line)], CONFIG_RULES))).notes);
      if ('found' in inFile) notes.push(...(await editCredentials((text) => removeProfiles(text, new Set([profile])))).notes);
    });
    return { changed: true, notes };
  });
}

/** The three files a move touches, as their real paths (the cache is never followed: cache.ts). */
function moved(files: AwsFiles, cache: string): string[] {
  const paths = [cache, resolveRealPath(files.configFile), resolveRealPath(files.credentialsFile)];
  removeUndoLeftovers(paths);
  return paths;
}

/** Makes `profile` a file profile again: its cached keys back into the credentials file. */
export function setFileMode(files: AwsFiles, profile: string): Promise<ModeOutcome> {
  const cache = cachePath(files.credentialsFile);
  return withAwsFileLock(files.credentialsFile, async (editCredentials) => {
    const configText = readExisting(files.configFile).text;
    if (!configCredentials(configText).get(profile)?.ownProcess) {
      const inFile = managedCredentials(readExisting(files.credentialsFile).text, profile);
      if ('found' in inFile) return { changed: false, notes: [] };
      return { problem: `${profile} is not a profile stsbridge has set up (\`stsbridge list\` shows them)` };
    }
    const cached = readCached(cache, profile);
    if ('found' in cached && foreignKeys(readLayout(readExisting(files.credentialsFile).text), new Set([profile])).size > 0) {
      return { problem: `${profile} has access keys in ${files.credentialsFile} that stsbridge did not write; move or remove them first` };
    }
    const notes: string[] = [];
    if (!('found' in cached)) notes.push(`${profile} had no credentials in stsbridge's cache; it gets them in ${files.credentialsFile} at the next sign-in.`);
    // The keys first, then the config line, then the cache; all of it or none (disk/undo.ts).
    await allOrNothing(moved(files, cache), async () => {
      if ('found' in cached) notes.push(...(await editCredentials((text) => upsertProfiles(text, [{ name: profile, ...cached.found }]))).notes);
      notes.push(...(await editAwsFile(files.configFile, (text) => removeProfiles(text, new Set([profile]), new Set([PROCESS_KEY]), CONFIG_RULES))).notes);
      if ('found' in cached) notes.push(...(await editCache(cache, [], new Set([profile]))).notes);
    });
    return { changed: true, notes };
  });
}

export function setMode(files: AwsFiles, profile: string, mode: ProfileMode, command: readonly string[]): Promise<ModeOutcome> {
  return mode === 'process' ? setProcessMode(files, profile, command) : setFileMode(files, profile);
}

/** Why `profile` cannot be a process profile, in words; undefined when it can. */
function processRefusal(profile: string, files: AwsFiles, credentialsText: string, configText: string): string | undefined {
  const twice = duplicated(profile, files.credentialsFile, credentialsText, CREDENTIALS_RULES) ?? duplicated(profile, files.configFile, configText, CONFIG_RULES);
  if (twice) return twice;
  if (foreignKeys(readLayout(credentialsText), new Set([profile])).size > 0) {
    return `${profile} has access keys in ${files.credentialsFile} that stsbridge did not write, and AWS tools would use those instead of credential_process (aws/aws-cli#5109); choose another name, or remove them first`;
  }
  if (configCredentials(configText).get(profile)?.otherProcess) {
    return `${profile} already has a credential_process in ${files.configFile} that is not stsbridge's; remove it first, or choose another name`;
  }
  const layout = readLayout(configText);
  const section = sectionsByProfile(layout, CONFIG_RULES).get(profile);
  const earlier = section?.options.find((option) => EARLIER_SOURCES.includes(option.key));
  if (earlier) return `${profile} in ${files.configFile} gets its credentials through ${earlier.key}, which AWS tools use before credential_process; choose another name`;
  return undefined;
}

/**
 * Why `profile` having several sections in `file` rules a mode out: AWS tools disagree on which
 * counts (ini/sections.ts), so keys in one would sit beside a credential_process in another.
 */
function duplicated(profile: string, file: string, text: string, rules: FileRules): string | undefined {
  const sections = allSectionsOf(readLayout(text), profile, rules);
  if (sections.length < 2) return undefined;
  const lines = sections.map((section) => section.header + 1).join(', ');
  return `${profile} has ${sections.length} sections in ${file} (lines ${lines}), and AWS tools disagree on which one counts; merge them into one, then run this again`;
}

/** The value of `profile`'s credential_process line in the config text, as written. */
function configLine(configText: string, profile: string): string | undefined {
  const layout = readLayout(configText);
  const section = sectionsByProfile(layout, CONFIG_RULES).get(profile);
  return section && optionValue(layout, section, PROCESS_KEY);
}

function processSection(profile: string, line: string): SectionEdit {
  return { profile, name: configSectionName(profile), keys: [[PROCESS_KEY, line]] };
}

function later(a: ManagedCredentials, b: ManagedCredentials): boolean {
  return Date.parse(a.expiration) > Date.parse(b.expiration);
}
