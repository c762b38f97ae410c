// *Sign in with <provider>*: one button per OpenID Connect provider in the options. The worker
// runs the flow (the provider's page opens in its own window when it needs the person) and the
// login lands in the card above like any other; this only says how the request ended.

import { sendMessage } from '../../messages/send-message';
import { providerLabel, type OidcProvider } from '../../storage/oidc-providers';
import { $, element } from '../dom';

export function renderOidcButtons(providers: readonly OidcProvider[]): void {
  const section = $('oidc-sign-in');
  section.hidden = providers.length === 0;
  $('oidc-buttons').replaceChildren(
    ...providers.map((provider) => {
      const button = element('button', undefined, `Sign in with ${providerLabel(provider.issuer)}`);
      button.type = 'button';
      button.dataset.issuer = provider.issuer;
      return button;
    }),
  );
}

async function signIn(button: HTMLButtonElement, issuer: string): Promise<void> {
  const status = $('oidc-status');
  button.disabled = true;
  status.textContent = `Signing in with ${providerLabel(issuer)}…`;
  try {
    const reply = await sendMessage('ui-bg-oidc-sign-in', { issuer });
    status.textContent = reply.state === 'done' ? '' : `Not signed in: ${reply.message ?? 'the browser did not say why'}`;
  } catch (error) {
    status.textContent = `Not signed in: ${error instanceof Error ? error.message : 'the request failed'}`;
  } finally {
    button.disabled = false;
  }
}

export function wireOidcButtons(): void {
  $('oidc-buttons').addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-issuer]');
    if (button?.dataset.issuer) void signIn(button, button.dataset.issuer);
  });
}
