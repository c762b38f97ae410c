// One OpenID Connect sign-in, in the order it happens: the provider's ID token (capture/oidc/),
// checked (decode/id-token.ts), exchanged for every role configured for the provider through
// AssumeRoleWithWebIdentity (assume/), written in one request through the host, and recorded for
// the popup like any login. The token lives in this function's memory only. Never rejects.

import { IDP_PATTERN } from '../../native-host/protocol';
import { assumeWebIdentityRoles } from '../assume/assume-web-identity';
import { nameProfiles, usesAccountName } from '../assume/name-profiles';
import type { AssumeResult, WebIdentityInput } from '../assume/sts-client';
import { parseRoleArn, type RoleRef } from '../aws/arns';
import { obtainIdToken, type OidcFlowDeps } from '../capture/oidc/sign-in';
import { webIdentitySessionName } from '../decode/id-token';
import { LoginError, toErrorData } from '../errors';
import type { LoginRecord, LoginSource } from '../storage/login-record';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { hostSession } from '../write/host-session';
import { nextTask } from '../next-task';
import { loginJournal } from './login-journal';
import type { LoginDeps } from './run-login';
import { writeOutcomes } from './write-outcomes';

export interface OidcLoginDeps extends Pick<LoginDeps, 'host' | 'now' | 'newId'> {
  readonly store: Pick<LoginDeps['store'], 'settings' | 'accountNames' | 'keepCredentials' | 'record' | 'reportHost'>;
  readonly flow: OidcFlowDeps;
  readonly assume: (input: WebIdentityInput) => Promise<AssumeResult>;
}

export interface OidcLoginRequest {
  /** A person asked (the popup's button): the provider may show its sign-in page. */
  readonly interactive: boolean;
  readonly how: LoginSource;
  /** Only these role ARNs (a refresh of some profiles); all the provider's roles when absent. */
  readonly wanted?: readonly string[];
}

export async function runOidcLogin(issuer: string, deps: OidcLoginDeps, request: OidcLoginRequest): Promise<LoginRecord> {
  const first: LoginRecord = { id: deps.newId(), at: deps.now().toISOString(), signinUrl: issuer, how: request.how, state: 'working', ...(IDP_PATTERN.test(issuer) ? { issuer } : {}), results: [] };
  const journal = loginJournal(first, deps.store.record);
  const host = hostSession({ acquire: deps.host, report: deps.store.reportHost });
  try {
    journal.put({});
    const settings = await deps.store.settings().catch(() => DEFAULT_SETTINGS);
    const provider = settings.oidcProviders.find((entry) => entry.issuer === issuer);
    if (!provider) throw new LoginError('oidc-unknown-provider', `${issuer} is not among the OpenID Connect providers in stsbridge's options.`);
    const roles = provider.roles
      .filter((arn) => !request.wanted || request.wanted.includes(arn))
      .map(parseRoleArn)
      .filter((role): role is RoleRef => role !== undefined);
    // A refresh for a profile whose role has since left the provider's list: nothing to ask for.
    if (roles.length === 0) throw new LoginError('oidc-no-roles', `None of the roles asked for is listed for ${issuer} in stsbridge's options any more.`);
    const namesRead = usesAccountName(settings) ? deps.store.accountNames().catch(() => ({})) : Promise.resolve({});

    // Capture and decode: the browser runs the flow; the token's claims are checked before use.
    const { token, claims } = await obtainIdToken(provider, request.interactive, deps.flow);

    // Name and assume (never rejects). As in a SAML login, the STS requests go out first
    // (next-task.ts); the host is acquired and the record saved while STS answers.
    const named = nameProfiles<RoleRef>(roles, settings, await namesRead);
    const assuming = assumeWebIdentityRoles(
      named,
      { token, sessionName: webIdentitySessionName(claims), region: provider.region, ...(settings.sessionDuration === undefined ? {} : { durationSeconds: settings.sessionDuration }) },
      (input) => deps.assume(input),
    );
    await nextTask();
    host.start();
    journal.put({ roleCount: provider.roles.length });
    const outcomes = await assuming;

    // Write.
    const source = { how: request.how, ...(IDP_PATTERN.test(issuer) ? { idp: issuer } : {}) };
    const { change } = await writeOutcomes(outcomes, { host, settings, source, keepCredentials: (profiles) => deps.store.keepCredentials(profiles), notes: [] });
    journal.put(change);
  } catch (error) {
    journal.put({ state: 'failed', error: toErrorData(error) });
  } finally {
    host.close();
  }
  return journal.saved();
}
