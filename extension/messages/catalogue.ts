// The one catalogue of messages between the extension's pages (popup, options) and the worker,
// named by direction: `ui-bg-*` is a page asking the worker. The worker owns the native host, so
// pages ask it rather than starting hosts of their own. Replies cross as data, `{ok, ...}`: the
// polyfill forwards only an Error's message, and codes must survive the trip.

import { PROFILE_MODES, type ProfileMode } from '../../native-host/protocol';
import type { RefreshResult } from '../../native-host/refresh-protocol';
import type { HostErrorData } from '../errors';
import type { HostStatus } from '../storage/host-status';
import type { LoginState } from '../storage/login-record';

export interface ManagedProfileView {
  readonly name: string;
  readonly expiration?: string;
  readonly expired: boolean;
  /** How AWS tools get its keys; absent from hosts before protocol 6 (file, then). */
  readonly mode?: ProfileMode;
}

export interface Catalogue {
  /** Ping the native host now and store what it said. */
  'ui-bg-check-host': { request: Record<string, never>; reply: HostStatus };
  /** The profiles stsbridge manages in the credentials file (the host's `status`). */
  'ui-bg-managed-profiles': { request: Record<string, never>; reply: { file: string; profiles: readonly ManagedProfileView[]; omitted: number } };
  /** Remove managed profiles from the credentials file, and from the popup's list. */
  'ui-bg-remove-profiles': { request: { names: readonly string[] }; reply: { removed: readonly string[]; notManaged: readonly string[] } };
  /** Forget every credential kept in memory for the popup. */
  'ui-bg-forget-credentials': { request: Record<string, never>; reply: Record<string, never> };
  /** Moves a profile between the credentials file and credential_process (the host's `set-mode`). */
  'ui-bg-set-mode': { request: { name: string; mode: ProfileMode }; reply: { mode: ProfileMode; changed: boolean; notes: readonly string[] } };
  /** *Refresh now*: sign in again silently through the profile's identity provider. */
  'ui-bg-refresh-profile': { request: { profile: string }; reply: RefreshResult };
  /** *Sign in with …*: an OpenID Connect sign-in, with the person, for every role of that provider. */
  'ui-bg-oidc-sign-in': { request: { issuer: string }; reply: OidcSignInReply };
}

/** How a person's OIDC sign-in ended: the profiles are in the login record the popup shows. */
export interface OidcSignInReply {
  readonly state: LoginState;
  readonly message?: string;
}

export type MessageType = keyof Catalogue;
export type Message = { [K in MessageType]: { readonly type: K } & Catalogue[K]['request'] }[MessageType];
export type Reply<K extends MessageType> = { readonly ok: true; readonly value: Catalogue[K]['reply'] } | MessageFailure;

export interface MessageFailure {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
  /** When the native host refused: its own error code and name (PROTOCOL.md). */
  readonly host?: HostErrorData;
}

export const MESSAGE_TYPES: readonly MessageType[] = ['ui-bg-check-host', 'ui-bg-managed-profiles', 'ui-bg-remove-profiles', 'ui-bg-set-mode', 'ui-bg-forget-credentials', 'ui-bg-refresh-profile', 'ui-bg-oidc-sign-in'];

export function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const { type } = value as { type?: unknown };
  if (!MESSAGE_TYPES.includes(type as MessageType)) return false;
  if (type === 'ui-bg-remove-profiles') {
    const { names } = value as { names?: unknown };
    return Array.isArray(names) && names.length > 0 && names.length <= 1000 && names.every((name) => typeof name === 'string');
  }
  if (type === 'ui-bg-set-mode') {
    const { name, mode } = value as { name?: unknown; mode?: unknown };
    return typeof name === 'string' && name.length > 0 && name.length <= 64 && PROFILE_MODES.includes(mode as ProfileMode);
  }
  if (type === 'ui-bg-oidc-sign-in') {
    const { issuer } = value as { issuer?: unknown };
    return typeof issuer === 'string' && issuer.startsWith('https://') && issuer.length <= 255;
  }
  if (type === 'ui-bg-refresh-profile') {
    const { profile } = value as { profile?: unknown };
    return typeof profile === 'string' && profile.length > 0 && profile.length <= 64;
  }
  return true;
}

/** A failure the worker reported, with its code. */
export class MessageError extends Error {
  override readonly name = 'MessageError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
