// The worker's side of the message catalogue: it answers only the extension's own pages, and
// only the messages the catalogue names.

import { toErrorData } from '../errors';
import { expectReply } from '../write/host-check';
import type { HostConnection } from '../write/host-port';
import { isMessage, type Catalogue, type Message, type MessageType, type Reply } from './catalogue';

/** The worker's effects, passed in so the routing and checks run in unit tests. */
export interface MessageDeps {
  /** The extension's own base URL, `chrome-extension://<id>/`. */
  readonly extensionUrl: string;
  readonly extensionId: string;
  checkHost(): Promise<Catalogue['ui-bg-check-host']['reply']>;
  hostRequest: HostConnection['request'];
  /** Drops removed profiles from the popup's list and from memory. */
  forgetProfiles(names: readonly string[]): Promise<void>;
  forgetCredentials(): Promise<void>;
  /** A silent sign-in for one profile, as *Refresh now* asks. */
  refreshProfile(profile: string): Promise<Catalogue['ui-bg-refresh-profile']['reply']>;
  /** A person's OpenID Connect sign-in, which may show the provider's page. */
  oidcSignIn(issuer: string): Promise<Catalogue['ui-bg-oidc-sign-in']['reply']>;
}

/** The pages allowed to ask: the popup and the options page. Content scripts never are. */
const PAGES = ['extension/show/popup/', 'extension/show/options/'];

export interface Sender {
  readonly id?: string;
  readonly url?: string;
}

export function fromOwnPage(sender: Sender, deps: Pick<MessageDeps, 'extensionId' | 'extensionUrl'>): boolean {
  return sender.id === deps.extensionId && PAGES.some((page) => sender.url?.startsWith(`${deps.extensionUrl}${page}`) === true);
}

/**
 * The reply to `message`, or undefined when it is not ours to answer: under the polyfill a
 * listener that returns a promise answers the message, so unknown ones must get `undefined`.
 */
export function routeMessage(message: unknown, sender: Sender, deps: MessageDeps): Promise<Reply<MessageType>> | undefined {
  if (!isMessage(message)) return undefined;
  if (!fromOwnPage(sender, deps)) return Promise.resolve({ ok: false, code: 'forbidden', message: 'Only stsbridge pages may ask this.' });
  return answer(message, deps).then(
    (value): Reply<MessageType> => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, ...toErrorData(error) }),
  );
}

async function answer(message: Message, deps: MessageDeps): Promise<Catalogue[MessageType]['reply']> {
  switch (message.type) {
    case 'ui-bg-check-host':
      return deps.checkHost();
    case 'ui-bg-managed-profiles': {
      const reply = expectReply(await deps.hostRequest({ type: 'status' }), 'status');
      return { file: reply.file, profiles: reply.profiles, omitted: reply.omitted };
    }
    case 'ui-bg-remove-profiles': {
      const reply = expectReply(await deps.hostRequest({ type: 'remove-profiles', names: message.names }), 'remove-profiles');
      await deps.forgetProfiles(reply.removed);
      return { removed: reply.removed, notManaged: reply.notManaged };
    }
    case 'ui-bg-set-mode': {
      const reply = expectReply(await deps.hostRequest({ type: 'set-mode', name: message.name, mode: message.mode }), 'set-mode');
      return { mode: reply.mode, changed: reply.changed, notes: reply.notes };
    }
    case 'ui-bg-forget-credentials':
      await deps.forgetCredentials();
      return {};
    case 'ui-bg-refresh-profile':
      return deps.refreshProfile(message.profile);
    case 'ui-bg-oidc-sign-in':
      return deps.oidcSignIn(message.issuer);
  }
}
