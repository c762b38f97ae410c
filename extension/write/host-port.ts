// A native port to the stsbridge host, as request → reply promises. Chrome starts the host process
// when the port opens and ends it when the port closes.

import browser from 'webextension-polyfill';
import { HOST_NAME, HOST_REPLY_TIMEOUT_MS, type HostReply, type HostRequest } from '../../native-host/protocol';
import type { BrowserRefreshRequest, RefreshResult } from '../../native-host/refresh-protocol';
import { LoginError } from '../errors';
import { REINSTALL_HINT } from './host-help';

export interface HostConnection {
  /** Sends one request; resolves with the host's reply (which may be `{ok: false}`). */
  request(request: DistributiveOmit<HostRequest, 'id'>): Promise<HostReply>;
  close(): void;
  /** Closes once no request is waiting for its reply (at once when none is). */
  closeWhenIdle(): void;
  /** Settles with the reason when the port closes, from either side. */
  readonly closed: Promise<LoginError>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Why the port closed. Chrome reports it only through `chrome.runtime.lastError` read inside
 * the onDisconnect listener (Firefox sets `port.error` instead); webextension-polyfill passes
 * ports through unwrapped, so neither is translated for us.
 * https://developer.chrome.com/docs/extensions/develop/concepts/native-messaging#native-messaging-client
 */
function disconnectReason(port: browser.Runtime.Port): string | undefined {
  return port.error?.message ?? chrome.runtime.lastError?.message;
}

/** Chrome's fixed messages, turned into what a person can do about them. */
export function describeDisconnect(reason: string | undefined): LoginError {
  if (reason && /not found/i.test(reason)) {
    return new LoginError('host-missing', `stsbridge's program on this computer is not installed for this browser. ${REINSTALL_HINT}`);
  }
  if (reason && /forbidden/i.test(reason)) {
    return new LoginError('host-forbidden', `The installed stsbridge host does not allow this extension's ID. ${REINSTALL_HINT}`);
  }
  return new LoginError(
    'host-failed',
    `The stsbridge native host stopped unexpectedly${reason ? ` (${reason})` : ''}. ${REINSTALL_HINT}`,
  );
}

/** How the worker answers a request the host makes unasked (protocol 5: a refresh from the command line). */
export type HostAsks = (request: BrowserRefreshRequest) => Promise<readonly RefreshResult[]>;

function isHostRequest(message: unknown): message is BrowserRefreshRequest {
  const { type, request, id } = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
  return type === 'refresh' && typeof request === 'string' && id === undefined;
}

export function connectHost(answer?: HostAsks): HostConnection {
  const port = browser.runtime.connectNative(HOST_NAME);
  const pending = new Map<string, { resolve(reply: HostReply): void; reject(error: Error): void; timer: ReturnType<typeof setTimeout> }>();
  let closedWith: LoginError | undefined;
  let closeWhenIdle = false;
  let nextId = 0;
  let markClosed: (reason: LoginError) => void = () => undefined;
  const closed = new Promise<LoginError>((resolve) => (markClosed = resolve));
  const disconnect = () => {
    failPending(new LoginError('host-failed', 'The connection to the native host was closed.'));
    port.disconnect();
  };

  port.onMessage.addListener((message: unknown) => {
    if (isHostRequest(message)) {
      // Answered even when it fails, so that the command waiting on it hears at once.
      const respond = (results: readonly RefreshResult[]) => {
        if (!closedWith) port.postMessage({ type: 'refresh-result', request: message.request, results });
      };
      const failed = () => respond((message.profiles ?? []).map((profile) => ({ profile, state: 'failed', message: 'stsbridge hit an unexpected problem; please report it.' })));
      void (answer ? answer(message) : Promise.resolve([])).then(respond, failed);
      return;
    }
    const reply = message as HostReply;
    const waiter = typeof reply?.id === 'string' ? pending.get(reply.id) : undefined;
    if (!waiter) return;
    pending.delete(reply.id!);
    clearTimeout(waiter.timer);
    waiter.resolve(reply);
    if (closeWhenIdle && pending.size === 0) disconnect();
  });
  const failPending = (error: LoginError) => {
    closedWith = error;
    markClosed(error);
    for (const waiter of pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    pending.clear();
  };
  port.onDisconnect.addListener(() => failPending(describeDisconnect(disconnectReason(port))));

  return {
    request(request) {
      if (closedWith) return Promise.reject(closedWith);
      const id = String((nextId += 1));
      return new Promise<HostReply>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new LoginError('host-failed', `The stsbridge native host did not answer within ${HOST_REPLY_TIMEOUT_MS / 1000} s.`));
          if (closeWhenIdle && pending.size === 0) disconnect();
        }, HOST_REPLY_TIMEOUT_MS);
        pending.set(id, { resolve, reject, timer });
        port.postMessage({ ...request, id });
      });
    },
    close() {
      // Our own disconnect() fires no onDisconnect here, so settle any waiter ourselves.
      if (!closedWith) disconnect();
    },
    closeWhenIdle() {
      closeWhenIdle = true;
      if (!closedWith && pending.size === 0) disconnect();
    },
    closed,
  };
}
