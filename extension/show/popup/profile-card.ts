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
  /** An error the page shows above the list: a card does not repeat it. */
  readonly shownAbove?: string | undefined;
}

/** The countdown's text and the card's state, refreshed every second without a re-render. */
export function updateCountdown(card: HTMLElement, profile: RecentProfile, now: number): void {
  const freshness = freshnessOf(profile, now);
  // Valid keys that no file holds (the program could not write them) are no "fresh" profile.
  const unwritten = profile.state === 'unwritten' && freshness !== 'expired';
  card.dataset.freshness = unwritten ? 'unwritten' : freshness;
  const badge = card.querySelector<HTMLElement>('.badge');
  if (badge) badge.textContent = unwritten ? 'Not in file' : FRESHNESS_LABEL[freshness];
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
  const where = accountLine(profile, account(profile.accountId));
  if (where) card.append(element('p', 'account', where));
  const via = profile.via === undefined ? undefined : parseRoleArn(profile.via);
  if (via) card.append(element('p', 'via', `Chained from ${via.roleName} in ${account(via.accountId)}`));
  // One line when it fits: how long is left, and what last refreshed it.
  const meta = element('p', 'meta');
  if (profile.expiration) {
    const countdown = element('time', 'countdown');
    countdown.dateTime = profile.expiration;
    meta.append(countdown);
  }
  if (profile.state === 'written') {
    if (meta.childElementCount > 0) meta.append(' · ');
    meta.append(element('span', 'refreshed', `Refreshed by ${SOURCE_LABEL[profile.how ?? 'console']} at ${clockTime(profile.at)}`));
  }
  if (meta.childElementCount > 0) card.append(meta);
  if (profile.error && profile.error.message !== context.shownAbove) {
    const error = element('p', 'error', profile.error.message);
    error.dataset.code = profile.error.code;
    card.append(error);
  } else if (profile.state === 'unwritten' && !profile.error) {
    card.append(element('p', 'note', 'Not written to a file: copy the export lines, or set up stsbridge on this computer (see above) and sign in again.'));
  }
  for (const note of profile.notes) card.append(element('p', 'note', note));
  const actions = element('div', 'actions');
  if (context.hasCredentials) {
    actions.append(copyButton('exports', 'Copy exports', profile.profile));
  }
  if (profile.state === 'written') actions.append(copyButton('profile', 'Copy AWS_PROFILE', profile.profile));
  // Any profile a login wrote once can be signed in again, expired or not.
  if (profile.state === 'written' || profile.expiration !== undefined) actions.append(refreshButton(profile.profile));
  if (actions.childElementCount > 0) card.append(actions);
  updateCountdown(card, profile, context.now);
  return card;
}

/**
 * The role and account, in words, where the profile's name does not already say them (names are
 * `<account>-<role>` by default): an account's alias is news, its ID and the role's name are not.
 */
export function accountLine(profile: Pick<RecentProfile, 'profile' | 'roleName' | 'accountId'>, accountText: string): string | undefined {
  const roleNamed = profile.profile.includes(profile.roleName);
  const accountNamed = profile.profile.includes(profile.accountId) && accountText === profile.accountId;
  if (roleNamed && accountNamed) return undefined;
  if (roleNamed) return `Account ${accountText}`;
  return `${profile.roleName} in ${accountText}`;
}

function refreshButton(profile: string): HTMLButtonElement {
  const button = element('button', 'refresh', 'Refresh');
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
