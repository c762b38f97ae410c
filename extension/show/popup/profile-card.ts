// One profile in the popup's list: name, account, role, state, countdown and the copy buttons.
// Every value that came from an assertion, a page or the host is set as text, never as HTML.

import { parseRoleArn } from '../../aws/arns';
import type { LoginSource } from '../../storage/login-record';
import { freshnessOf, type Freshness, type RecentProfile } from '../../storage/recent-profiles';
import { accountLabel } from '../account-label';
import { element } from '../dom';
import { clockTime, timeLeft } from './time-left';

export const FRESHNESS_LABEL: Record<Freshness, string> = {
  fresh: 'Fresh',
  expiring: 'Expiring soon',
  expired: 'Expired',
  failed: 'Not written',
};

/** How the login that last wrote a profile came about, in words. */
export const SOURCE_LABEL: Record<LoginSource, string> = {
  // A person's own sign-in: to the AWS console through a SAML IdP, or with an OIDC provider.
  console: 'your sign-in',
  silent: 'silent sign-in',
  command: 'the stsbridge command',
};

export interface CardContext {
  readonly now: number;
  readonly accountNames: Readonly<Record<string, string>>;
  /** Whether memory still holds this profile's credentials (for export lines). */
  readonly hasCredentials: boolean;
}

/** The countdown's text and the card's state, refreshed every second without a re-render. */
export function updateCountdown(card: HTMLElement, profile: RecentProfile, now: number): void {
  const freshness = freshnessOf(profile, now);
  card.dataset.freshness = freshness;
  const badge = card.querySelector<HTMLElement>('.badge');
  if (badge) badge.textContent = profile.state === 'unwritten' && freshness !== 'expired' ? 'Not in file' : FRESHNESS_LABEL[freshness];
  const countdown = card.querySelector<HTMLElement>('.countdown');
  if (countdown && profile.expiration) {
    countdown.textContent = `Expires ${timeLeft(profile.expiration, now)} (${clockTime(profile.expiration)})`;
  }
  for (const button of card.querySelectorAll<HTMLButtonElement>('button[data-needs-live]')) {
    button.disabled = freshness === 'expired' || freshness === 'failed';
  }
}

export function profileCard(profile: RecentProfile, context: CardContext): HTMLLIElement {
  const card = element('li', 'profile');
  card.dataset.profile = profile.profile;
  const title = element('div', 'title');
  title.append(element('code', 'name', profile.profile), element('span', 'badge'));
  card.append(title);
  const account = (id: string) => accountLabel(id, context.accountNames);
  card.append(element('p', 'account', `${profile.roleName} in ${account(profile.accountId)}`));
  const via = profile.via === undefined ? undefined : parseRoleArn(profile.via);
  if (via) card.append(element('p', 'via', `Chained from ${via.roleName} in ${account(via.accountId)}`));
  if (profile.expiration) {
    const countdown = element('time', 'countdown');
    countdown.dateTime = profile.expiration;
    card.append(countdown);
  }
  if (profile.state === 'written') card.append(element('p', 'refreshed', `Refreshed by ${SOURCE_LABEL[profile.how ?? 'console']} at ${clockTime(profile.at)}`));
  if (profile.error) {
    const error = element('p', 'error', profile.error.message);
    error.dataset.code = profile.error.code;
    card.append(error);
  } else if (profile.state === 'unwritten') {
    card.append(element('p', 'note', 'Not written to a file: use the export lines, or fix the native host (below) and log in again.'));
  }
  for (const note of profile.notes) card.append(element('p', 'note', note));
  const actions = element('div', 'actions');
  if (context.hasCredentials) {
    actions.append(copyButton('exports', 'Copy export lines', profile.profile));
  }
  if (profile.state === 'written') actions.append(copyButton('profile', 'Copy AWS_PROFILE', profile.profile));
  // Any profile a login wrote once can be signed in again, expired or not.
  if (profile.state === 'written' || profile.expiration !== undefined) actions.append(refreshButton(profile.profile));
  if (actions.childElementCount > 0) card.append(actions);
  updateCountdown(card, profile, context.now);
  return card;
}

function refreshButton(profile: string): HTMLButtonElement {
  const button = element('button', 'refresh', 'Refresh now');
  button.type = 'button';
  button.dataset.refresh = profile;
  button.dataset.profile = profile;
  button.setAttribute('aria-label', `Refresh ${profile} now`);
  return button;
}

function copyButton(kind: 'exports' | 'profile', label: string, profile: string): HTMLButtonElement {
  const button = element('button', `copy copy-${kind}`, label);
  button.type = 'button';
  button.dataset.copy = kind;
  button.dataset.profile = profile;
  button.dataset.needsLive = '';
  // The visible label is short; a screen reader hears which profile it is for.
  button.setAttribute('aria-label', `${label} for ${profile}`);
  return button;
}
