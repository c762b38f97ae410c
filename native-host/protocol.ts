// The contract between the extension and the native host, described for people in PROTOCOL.md.
// The extension imports this file, so it holds types and constants only: nothing Node-specific.

import type { RefreshReply, RefreshRequest, RefreshResultReply, RefreshResultRequest } from './refresh-protocol';

/** Bumped when a request type or field is added; the extension gates features on it. */
export const PROTOCOL_VERSION = 7;

/** The native-messaging host name the extension connects to. */
export const HOST_NAME = 'dev.stsbridge.host';

/** Fixed by the public `key` in manifest.json (a test checks that they agree). */
export const EXTENSION_ID = 'fcbnhbgmfinjpmnedlfoofbogopdmfie';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

/** Largest request frame the host reads; a longer declared length is refused unread. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** Chrome refuses host messages over 1 MB; replies stay well under it. */
export const MAX_REPLY_BYTES = 1000 * 1000;

/**
 * A `status` or `prune-expired` reply lists at most this many profiles and counts the rest in
 * `omitted`: 5,000 of the longest entries stay under MAX_REPLY_BYTES (a test checks).
 */
export const MAX_LISTED_PROFILES = 5000;

/** Largest request the local socket reads: its requests are small, so its bound is too. */
export const MAX_SOCKET_REQUEST_BYTES = 64 * 1024;

/** A socket connection that sends nothing for this long is closed (a half-sent request gets error 2). */
export const SOCKET_IDLE_MS = 10_000;

/** The requests each channel serves (channels.ts): the extension's port, and the local socket. */
export const NATIVE_REQUEST_TYPES = ['ping', 'write-profiles', 'status', 'prune-expired', 'remove-profiles', 'set-mode', 'refresh-result'] as const;
export const SOCKET_REQUEST_TYPES = ['ping', 'status', 'refresh'] as const;

/** How long the extension waits for a reply: a stuck host must not hold a login forever. */
export const HOST_REPLY_TIMEOUT_MS = 15_000;

/**
 * How long a write waits for another stsbridge host's lock on the credentials file before it
 * gives up with error 8: under the extension's 15 s wait for a reply, so the person hears why.
 */
export const LOCK_WAIT_MS = 12_000;

/** Error codes: append-only, never renumbered. Their meanings are in PROTOCOL.md. */
export const ErrorCode = {
  frameTooLarge: 1,
  frameTruncated: 2,
  invalidJson: 3,
  unknownType: 4,
  invalidRequest: 5,
  forbiddenCaller: 6,
  fileReadFailed: 7,
  fileWriteFailed: 8,
  internal: 9,
  refreshTimedOut: 10,
  wrongChannel: 11,
  modeRefused: 12,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
export type ErrorName = keyof typeof ErrorCode;

/** One profile's temporary credentials, as STS returned them. */
export interface ProfileCredentials {
  readonly name: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** ISO 8601, as STS returns it. */
  readonly expiration: string;
  /** Written to the config file as the profile's `region`, when given. */
  readonly region?: string;
  /** Written to the config file as the profile's `output`, when given. */
  readonly output?: OutputFormat;
}

// The shape the host accepts for a profile's `region`. It is an AWS fact, so it lives in the
// extension's aws/ leaf, which imports nothing and which both sides may import.
export { REGION_PATTERN } from '../extension/aws/regions';

/** The AWS CLI's output formats. */
export const OUTPUT_FORMATS = ['json', 'text', 'table', 'yaml', 'yaml-stream'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface PingRequest {
  readonly id?: string;
  readonly type: 'ping';
}

/** How a login came about: a person's console sign-in, a silent one, or the command line's. */
export const WRITE_SOURCES = ['console', 'silent', 'command'] as const;
export type WriteSource = (typeof WRITE_SOURCES)[number];

/**
 * A `source.idp`: it goes into an INI value, so printable ASCII only (no line break, nothing a
 * reader might take apart). SAML entity IDs are URIs, which fit; the extension leaves out one
 * that does not.
 */
export const IDP_PATTERN = /^[\x21-\x7e][\x20-\x7e]{0,511}$/;

export interface WriteProfilesRequest {
  readonly id?: string;
  readonly type: 'write-profiles';
  readonly profiles: readonly ProfileCredentials[];
  /**
   * Protocol 6: where the credentials came from, kept beside them for `stsbridge list`: the
   * identity provider's entity ID, and how the login came about.
   */
  readonly source?: { readonly idp?: string; readonly how: WriteSource };
}

/** The profiles stsbridge manages in the credentials file, with their expiry. */
export interface StatusRequest {
  readonly id?: string;
  readonly type: 'status';
}

/** Removes the managed profiles whose credentials have expired. */
export interface PruneExpiredRequest {
  readonly id?: string;
  readonly type: 'prune-expired';
}

/** Protocol 2: removes the named managed profiles (and only managed ones). */
export interface RemoveProfilesRequest {
  readonly id?: string;
  readonly type: 'remove-profiles';
  readonly names: readonly string[];
}

/** How a profile's keys reach AWS tools: static keys in the credentials file, or `credential_process` (protocol 6). */
export const PROFILE_MODES = ['file', 'process'] as const;
export type ProfileMode = (typeof PROFILE_MODES)[number];

/** Protocol 6: moves a managed profile between the two modes, as `stsbridge setup` does. */
export interface SetModeRequest {
  readonly id?: string;
  readonly type: 'set-mode';
  readonly name: string;
  readonly mode: ProfileMode;
}

export type HostRequest = PingRequest | WriteProfilesRequest | StatusRequest | PruneExpiredRequest | RemoveProfilesRequest | SetModeRequest | RefreshRequest | RefreshResultRequest;

export interface PingReply {
  readonly type: 'ping';
  /** The host's package version, for people. */
  readonly version: string;
  readonly protocol: number;
  readonly capabilities: readonly HostRequest['type'][];
  /** Protocol 4: the host's process ID. */
  readonly pid?: number;
  /**
   * Protocol 4: true once a newer host has been installed over this one's file. A caller that
   * keeps its connection open should reconnect, so that its next request runs the new version.
   */
  readonly superseded?: boolean;
  /** Protocol 4: the local socket this host listens on, when it does. */
  readonly socket?: string;
}

export interface WriteProfilesReply {
  readonly type: 'write-profiles';
  /** The credentials file written (after following a symlink, the link's own path). */
  readonly file: string;
  /** The config file, when a profile's region or output was written to it. */
  readonly configFile?: string;
  /** The profiles written. */
  readonly profiles: readonly string[];
  /**
   * Protocol 2: profiles not written because their sections hold a person's long-lived access
   * keys (an access key, no session token, no stsbridge marker). The rest were written.
   */
  readonly refused: readonly string[];
  /** Plain-language remarks worth showing once, e.g. that a too-open file mode was narrowed. */
  readonly notes: readonly string[];
}

export interface StatusReply {
  readonly type: 'status';
  readonly file: string;
  /**
   * At most MAX_LISTED_PROFILES: the credentials file's in file order, then the process profiles
   * (protocol 6), each with its `mode`.
   */
  readonly profiles: readonly { readonly name: string; readonly expiration?: string; readonly expired: boolean; readonly mode?: ProfileMode }[];
  /** Protocol 3: managed profiles not listed, past MAX_LISTED_PROFILES. */
  readonly omitted: number;
}

export interface PruneExpiredReply {
  readonly type: 'prune-expired';
  readonly file: string;
  /** At most MAX_LISTED_PROFILES; every expired profile was removed, listed or not. */
  readonly removed: readonly string[];
  /** Protocol 3: profiles removed but not listed, past MAX_LISTED_PROFILES. */
  readonly omitted: number;
  readonly notes: readonly string[];
}

export interface RemoveProfilesReply {
  readonly type: 'remove-profiles';
  readonly file: string;
  readonly removed: readonly string[];
  /** Names asked for that are not managed profiles in the file: left alone. */
  readonly notManaged: readonly string[];
  readonly notes: readonly string[];
}

export interface SetModeReply {
  readonly type: 'set-mode';
  readonly name: string;
  readonly mode: ProfileMode;
  /** False when the profile was in that mode already. */
  readonly changed: boolean;
  readonly notes: readonly string[];
}

export type HostReplyBody = PingReply | WriteProfilesReply | StatusReply | PruneExpiredReply | RemoveProfilesReply | SetModeReply | RefreshReply | RefreshResultReply;

export type HostReply =
  | ({ readonly id?: string; readonly ok: true } & HostReplyBody)
  | HostErrorReply;

export interface HostErrorReply {
  readonly id?: string;
  readonly ok: false;
  readonly code: ErrorCode;
  readonly error: ErrorName;
  readonly message: string;
}
