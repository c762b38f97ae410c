// Whether the page a silent sign-in stopped at asks the person to sign in: the one sign that its
// session has ended, rather than that the address is not the AWS app's (refresh/silent-sign-in.ts).

/**
 * Runs in that page, where the person let stsbridge see the site: whether it asks for a password,
 * a one-time code, or the user name that starts a sign-in (the identifier-first pages of Okta,
 * Entra ID and Google). Self-contained: the browser serializes it into the page.
 */
export function pageAsksForSignIn(): boolean {
  const fields = 'input[type=password], input[autocomplete~="one-time-code"], input[autocomplete~="current-password"], input[autocomplete~="username"], input[type=email], input[name*="otp" i], input[name*="passcode" i]';
  return [...document.querySelectorAll<HTMLInputElement>(fields)].some((input) => input.type !== 'hidden' && !input.disabled);
}
