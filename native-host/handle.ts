// request → reply. Everything the host decides happens here; serve.ts only moves frames.

import {
  ErrorCode,
  MAX_LISTED_PROFILES,
  NATIVE_REQUEST_TYPES,
  PROTOCOL_VERSION,
  type ErrorName,
  type HostErrorReply,
  type HostReply,
  type ProfileCredentials,
  type ProfileMode,
} from './protocol';
import type { SourceStamp } from './ini/edit';
import type { InventoryRow } from './modes/inventory';
import type { AwsFiles } from './disk/paths';
import type { ModeOutcome } from './modes/set-mode';
import { validateRequest } from './validate';
import { RefreshTimedOut, type BrowserLink } from './browser-link';
import { REFRESH_WAIT_MS } from './refresh-protocol';
import { describeFileError } from './file-errors';

/** The host's effects, passed in so that tests can run `handle` on a temp dir or a fake. */
export interface HostContext {
  readonly version: string;
  readonly credentialsFile: string;
  readonly configFile: string;
  writeProfiles(file: string, profiles: readonly ProfileCredentials[], config: string, stamp?: SourceStamp): Promise<{ notes: string[]; configFile?: string; refused: string[] }>;
  /** Every profile stsbridge manages, in either mode (modes/read-inventory.ts). */
  listProfiles(files: AwsFiles, now: Date): readonly InventoryRow[] | Promise<readonly InventoryRow[]>;
  /** Moves a profile between the modes (modes/set-mode.ts), with the command this host runs as. */
  setMode(files: AwsFiles, name: string, mode: ProfileMode): Promise<ModeOutcome>;
  pruneExpiredProfiles(file: string, now: Date): Promise<{ removed: string[]; notes: string[] }>;
  removeManagedProfiles(file: string, names: readonly string[]): Promise<{ removed: string[]; notManaged: string[]; notes: string[] }>;
  now(): Date;
  /** The running host itself, when Chrome started it (not for a person's command). */
  readonly process?: {
    readonly pid: number;
    /** Whether a newer host has been installed over this one's file since it started. */
    superseded(): boolean;
    /** The local socket's path, once it listens. */
    socketPath(): string | undefined;
  };
  /** The extension, for `refresh` (protocol 5): present when Chrome started this host. */
  readonly browser?: BrowserLink;
}

export function errorReply(error: ErrorName, message: string, id?: string): HostErrorReply {
  return { ...(id === undefined ? {} : { id }), ok: false, code: ErrorCode[error], error, message };
}

export interface HandleOptions {
  /**
   * How many profiles a `status` or `prune-expired` reply lists: MAX_LISTED_PROFILES for Chrome,
   * whose messages must stay under 1 MB; all of them for a person at a terminal.
   */
  readonly listLimit?: number;
}

/** The first `limit` items, and how many were left out. */
function capped<T>(items: readonly T[], limit: number): { listed: T[]; omitted: number } {
  return { listed: items.slice(0, limit), omitted: Math.max(0, items.length - limit) };
}

/** Handles one parsed frame. Never throws: every failure is an error reply. */
export async function handle(message: unknown, context: HostContext, { listLimit = MAX_LISTED_PROFILES }: HandleOptions = {}): Promise<HostReply> {
  const validated = validateRequest(message);
  if (!validated.ok) {
    const id = typeof (message as { id?: unknown } | null)?.id === 'string' ? (message as { id: string }).id : undefined;
    return errorReply(validated.unknownType ? 'unknownType' : 'invalidRequest', validated.problem, id?.slice(0, 64));
  }
  const { request } = validated;
  const id = request.id === undefined ? {} : { id: request.id };
  switch (request.type) {
    case 'ping':
      return {
        ...id,
        ok: true,
        type: 'ping',
        version: context.version,
        protocol: PROTOCOL_VERSION,
        capabilities: [...NATIVE_REQUEST_TYPES],
        ...processFields(context),
      };
    case 'write-profiles':
      return answerWithFile(context, request.id, async () => {
        // Stamped to the second, as STS states times.
        const stamp = request.source && { ...request.source, at: context.now().toISOString().replace(/\.\d{3}Z$/, 'Z') };
        const { notes, configFile, refused } = await context.writeProfiles(context.credentialsFile, request.profiles, context.configFile, stamp);
        return {
          ...id,
          ok: true,
          type: 'write-profiles',
          file: context.credentialsFile,
          ...(configFile === undefined ? {} : { configFile }),
          profiles: request.profiles.map((profile) => profile.name).filter((name) => !refused.includes(name)),
          refused,
          notes,
        };
      });
    case 'status':
      return answerWithFile(context, request.id, async () => {
        const now = context.now();
        const { listed, omitted } = capped(await context.listProfiles(context, now), listLimit);
        return {
          ...id,
          ok: true,
          type: 'status',
          file: context.credentialsFile,
          profiles: listed.map((profile) => ({ name: profile.name, ...(profile.expiration === undefined ? {} : { expiration: profile.expiration }), expired: profile.state === 'expired', mode: profile.mode })),
          omitted,
        };
      });
    case 'prune-expired':
      return answerWithFile(context, request.id, async () => {
        const { removed, notes } = await context.pruneExpiredProfiles(context.credentialsFile, context.now());
        const { listed, omitted } = capped(removed, listLimit);
        return { ...id, ok: true, type: 'prune-expired', file: context.credentialsFile, removed: listed, omitted, notes };
      });
    case 'remove-profiles':
      return answerWithFile(context, request.id, async () => {
        const { removed, notManaged, notes } = await context.removeManagedProfiles(context.credentialsFile, request.names);
        return { ...id, ok: true, type: 'remove-profiles', file: context.credentialsFile, removed, notManaged, notes };
      });
    case 'set-mode':
      return answerWithFile(context, request.id, async () => {
        const outcome = await context.setMode(context, request.name, request.mode);
        if ('problem' in outcome) return errorReply('modeRefused', `${outcome.problem}.`, request.id);
        return { ...id, ok: true, type: 'set-mode', name: request.name, mode: request.mode, changed: outcome.changed, notes: [...outcome.notes] };
      });
    case 'refresh':
      if (!context.browser) return errorReply('wrongChannel', 'Only a host the browser started can refresh: ask it on its local socket.', request.id);
      try {
        const readAt = request.readAt === undefined ? undefined : Date.parse(request.readAt);
        const results = await context.browser.refresh(request.all ? { all: true } : { profiles: request.profiles ?? [] }, request.waitMs ?? REFRESH_WAIT_MS, readAt);
        return { ...id, ok: true, type: 'refresh', results };
      } catch (error) {
        return errorReply(error instanceof RefreshTimedOut ? 'refreshTimedOut' : 'internal', error instanceof Error ? error.message : 'The refresh failed.', request.id);
      }
    case 'refresh-result':
      context.browser?.deliver(request.request, request.results);
      return { ...id, ok: true, type: 'refresh-result' };
  }
}

/** What a ping tells about the running process (protocol 4). */
function processFields({ process }: HostContext): { pid?: number; superseded?: boolean; socket?: string } {
  if (!process) return {};
  const socket = process.socketPath();
  return { pid: process.pid, superseded: process.superseded(), ...(socket === undefined ? {} : { socket }) };
}

/** Runs a request that touches the credentials file; a failure becomes an error reply in words. */
async function answerWithFile(context: HostContext, id: string | undefined, work: () => Promise<HostReply>): Promise<HostReply> {
  try {
    return await work();
  } catch (error) {
    return errorReply(...describeFileError(error, context.credentialsFile), id);
  }
}
