import { describe, expect, it, vi } from 'vitest';
import type { AssumeInput, AssumeResult, ChainInput } from '../../../extension/assume/sts-client';
import type { SamlPost } from '../../../extension/capture/saml-post';
import { freshHost } from '../../../extension/write/host-lease';
import type { HostConnection } from '../../../extension/write/host-port';
import { runLogin, type LoginDeps } from '../../../extension/worker/run-login';
import { LoginError } from '../../../extension/errors';
import type { HostStatus } from '../../../extension/storage/host-status';
import type { LoginRecord } from '../../../extension/storage/login-record';
import { DEFAULT_SETTINGS, type Settings } from '../../../extension/storage/settings';
import { PROTOCOL_VERSION, type HostReply, type HostRequest, type ProfileCredentials } from '../../../native-host/protocol';
import { encryptedSamlResponseXml, providerArn, roleArn, roleValue, samlResponse, samlResponseXml, toBase64 } from '../../fixtures/saml';

const admin = { accountId: '111122223333', roleName: 'Admin' };
const dev = { accountId: '444455556666', roleName: 'Dev' };
const credentials = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN==',
  expiration: '2030-01-01T01:00:00.000Z',
};

const chainedCredentials = { ...credentials, accessKeyId: 'ASIACHAINEDEXAMPLE01', expiration: '2030-01-01T00:30:00Z' };
const deploy = { accountId: '999988887777', roleName: 'Deploy' };

interface Harness {
  deps: LoginDeps;
  providers: Map<string, string>;
  hostStatuses: HostStatus[];
  kept: (readonly ProfileCredentials[])[];
  rolesSeen: (readonly string[])[];
  records: LoginRecord[];
  assumed: AssumeInput[];
  chained: ChainInput[];
  requests: HostRequest[];
  hostOpened: number;
  hostClosed: number;
  /** 'host' for each connectHost, 'sts' for each STS call, in order. */
  order: string[];
}

interface HarnessOptions {
  assume?: (input: AssumeInput) => Promise<AssumeResult>;
  assumeChained?: (input: ChainInput) => Promise<AssumeResult>;
  reply?: (request: HostRequest) => Promise<HostReply>;
  ping?: () => Promise<HostReply>;
  settings?: Partial<Settings>;
  accountNames?: Record<string, string>;
  /**
   * The organisation's policy not known yet: the settings as they are without it (the policy
   * last seen), and when the live ones come (`settings` above, once `policyKnown` resolves).
   */
  beforePolicy?: { readonly settings: Partial<Settings>; readonly policyKnown: Promise<void> };
}

const PONG: HostReply = { ok: true, type: 'ping', version: '0.1.0', protocol: PROTOCOL_VERSION, capabilities: ['ping', 'write-profiles'] };

function harness(options: HarnessOptions = {}): Harness {
  const h: Harness = {
    records: [],
    assumed: [],
    chained: [],
    requests: [],
    hostOpened: 0,
    hostClosed: 0,
    order: [],
    providers: new Map(),
    hostStatuses: [],
    kept: [],
    rolesSeen: [],
    deps: undefined as unknown as LoginDeps,
  };
  const connectHost = (): HostConnection => {
    h.hostOpened += 1;
    h.order.push('host');
    return {
      request(request) {
        if (request.type === 'ping') return options.ping?.() ?? Promise.resolve(PONG);
        h.requests.push(request);
        return (
          options.reply?.(request) ??
          Promise.resolve({
            ok: true,
            type: 'write-profiles',
            file: '/home/jane/.aws/credentials',
            profiles: request.type === 'write-profiles' ? request.profiles.map((p) => p.name) : [],
            refused: [],
            notes: [],
          })
        );
      },
      close() {
        h.hostClosed += 1;
      },
      closeWhenIdle() {
        h.hostClosed += 1;
      },
      closed: new Promise(() => undefined),
    };
  };
  h.deps = {
    host: () => freshHost(connectHost, () => new Date()),
    sts: {
      assume(input) {
        h.assumed.push(input);
        h.order.push('sts');
        return options.assume?.(input) ?? Promise.resolve({ credentials });
      },
      assumeChained(input) {
        h.chained.push(input);
        return options.assumeChained?.(input) ?? Promise.resolve({ credentials: chainedCredentials });
      },
    },
    store: {
      record(record) {
        h.records.push(record);
        return Promise.resolve();
      },
      reportHost(status) {
        h.hostStatuses.push(status);
        return Promise.resolve();
      },
      keepCredentials(profiles) {
        h.kept.push(profiles);
        return Promise.resolve();
      },
      settings: async () => {
        await options.beforePolicy?.policyKnown;
        return { ...DEFAULT_SETTINGS, ...options.settings };
      },
      settingsSoon: () => Promise.resolve({ ...DEFAULT_SETTINGS, ...(options.beforePolicy ? options.beforePolicy.settings : options.settings) }),
      accountNames: () => Promise.resolve(options.accountNames ?? {}),
      accountNamesSoon: () => Promise.resolve(options.accountNames ?? {}),
      rememberRoles(roleArns) {
        h.rolesSeen.push(roleArns);
        return Promise.resolve();
      },
      providers: {
        lookup: (partition, accountId) => Promise.resolve(h.providers.get(`${partition}:${accountId}`)),
        remember(partition, accountId, principalArn) {
          h.providers.set(`${partition}:${accountId}`, principalArn);
          return Promise.resolve();
        },
      },
    },
    now: () => new Date(),
    newId: () => 'login-1',
  };
  return h;
}

function post(roleValues: string[], extra: Partial<SamlPost> = {}): SamlPost {
  return {
    url: 'https://signin.aws.amazon.com/saml',
    signin: { partition: 'aws', region: 'us-east-1' },
    samlResponse: samlResponse({ roleValues, sessionDuration: 7200 }),
    ...extra,
  };
}

describe('runLogin', () => {
  it('assumes the only role and writes its profile', async () => {
    const h = harness();
    const record = await runLogin(post([roleValue(admin)]), h.deps);
    expect(record).toMatchObject({
      state: 'done',
      roleCount: 1,
      file: '/home/jane/.aws/credentials',
      results: [{ profile: '111122223333-Admin', roleArn: roleArn(admin), state: 'written', expiration: credentials.expiration, notes: [] }],
    });
    expect(h.assumed).toEqual([
      expect.objectContaining({ durationSeconds: 7200, endpoint: { region: 'us-east-1', url: 'https://sts.us-east-1.amazonaws.com' } }),
    ]);
    // With where they came from, for `stsbridge list`: the IdP, and a person's console login.
    expect(h.requests).toEqual([{ type: 'write-profiles', profiles: [{ name: '111122223333-Admin', ...credentials }], source: { how: 'console', idp: 'https://idp.example.test/saml' } }]);
    expect(h.records.map((r) => r.state)).toEqual(['working', 'done']);
    // Which identity provider it came from, for "Sign in again".
    expect(record.issuer).toBe('https://idp.example.test/saml');
    expect(h.hostClosed).toBe(1);
  });

  it('starts the host once the STS requests are on their way, however many roles the login has', async () => {
    const single = harness();
    await runLogin(post([roleValue(admin)]), single.deps);
    expect(single.order).toEqual(['sts', 'host']);
    const chosen = harness();
    await runLogin(post([roleValue(admin), roleValue(dev)], { roleIndex: roleArn(dev) }), chosen.deps);
    expect(chosen.order).toEqual(['sts', 'host']);
    const all = harness({ settings: { refresh: 'all' } });
    await runLogin(post([roleValue(admin), roleValue(dev)]), all.deps);
    expect(all.order).toEqual(['sts', 'sts', 'host']);
  });

  it("goes to STS before the browser has read the organisation's policy, and writes once it has", async () => {
    let known!: () => void;
    const policyKnown = new Promise<void>((resolve) => (known = resolve));
    const h = harness({ settings: { profileTemplate: 'org-{role_name}' }, beforePolicy: { settings: { profileTemplate: 'org-{role_name}' }, policyKnown } });
    const login = runLogin(post([roleValue(admin)]), h.deps);
    await vi.waitFor(() => expect(h.assumed).toHaveLength(1));
    expect(h.requests).toEqual([]);
    known();
    expect(await login).toMatchObject({ state: 'done', results: [{ profile: 'org-Admin', state: 'written' }] });
    // The same settings: one STS call, not two.
    expect(h.assumed).toHaveLength(1);
  });

  it("assumes again, and names with it, when the live policy differs from the one last seen", async () => {
    const h = harness({
      settings: { sessionDuration: 900, profileTemplate: 'org-{role_name}' },
      beforePolicy: { settings: {}, policyKnown: Promise.resolve() },
    });
    const record = await runLogin(post([roleValue(admin)]), h.deps);
    expect(h.assumed.map((input) => input.durationSeconds)).toEqual([7200, 900]);
    expect(record).toMatchObject({ state: 'done', results: [{ profile: 'org-Admin', state: 'written' }] });
    expect(h.requests).toEqual([{ type: 'write-profiles', profiles: [expect.objectContaining({ name: 'org-Admin' })], source: expect.anything() }]);
  });

  it('assumes only the roles a refresh wants, without waiting for the role page', async () => {
    const h = harness();
    const record = await runLogin(post([roleValue(admin), roleValue(dev)]), h.deps, { wanted: [roleArn(dev)] });
    expect(h.assumed.map((input) => input.role.roleArn)).toEqual([roleArn(dev)]);
    expect(h.order).toEqual(['sts', 'host']);
    expect(record).toMatchObject({ state: 'done', results: [{ profile: '444455556666-Dev', state: 'written' }] });
  });

  it('fails a refresh, by name, when the identity provider no longer offers the role', async () => {
    const h = harness();
    const record = await runLogin(post([roleValue(admin)]), h.deps, { wanted: [roleArn(dev)] });
    expect(h.assumed).toEqual([]);
    expect(record).toMatchObject({ state: 'failed', error: { code: 'role-not-in-assertion', message: expect.stringContaining(roleArn(dev)) } });
  });

  it('never stores a secret in the record', async () => {
    const h = harness();
    await runLogin(post([roleValue(admin)]), h.deps);
    const stored = JSON.stringify(h.records);
    expect(stored).not.toContain(credentials.secretAccessKey);
    expect(stored).not.toContain(credentials.sessionToken);
    expect(stored).not.toContain(credentials.accessKeyId);
  });

  it('waits for AWS role page when the assertion offers several roles', async () => {
    const h = harness();
    const record = await runLogin(post([roleValue(admin), roleValue(dev)]), h.deps);
    expect(record).toMatchObject({ state: 'choose-role', roleCount: 2 });
    expect(h.hostOpened).toBe(0);
    expect(h.assumed).toEqual([]);
    // The options page offers the roles it has seen.
    expect(h.rolesSeen).toEqual([[roleArn(admin), roleArn(dev)]]);
  });

  it('assumes the role chosen on AWS role page', async () => {
    const h = harness();
    const record = await runLogin(post([roleValue(admin), roleValue(dev)], { roleIndex: roleArn(dev) }), h.deps);
    expect(record.results.map((r) => r.profile)).toEqual(['444455556666-Dev']);
    expect(h.assumed[0]!.role.roleArn).toBe(roleArn(dev));
  });

  it('calls the regional STS endpoint for a regional sign-in', async () => {
    const h = harness();
    await runLogin(post([roleValue(admin)], { url: 'https://eu-central-1.signin.aws.amazon.com/saml', signin: { partition: 'aws', region: 'eu-central-1' } }), h.deps);
    expect(h.assumed[0]!.endpoint.url).toBe('https://sts.eu-central-1.amazonaws.com');
  });

  it('explains a session duration that STS shortened', async () => {
    const h = harness({ assume: () => Promise.resolve({ credentials, shortenedFrom: 43200 }) });
    const record = await runLogin(post([roleValue(admin)]), h.deps);
    expect(record.results[0]!.notes[0]).toMatch(/12 hours were asked for.*1 hour/);
  });

  it.each([
    ['not base64', 'not base64 at all!', 'not-base64'],
    ['not XML', toBase64('plain text'), 'not-xml'],
    ['no Role attribute', toBase64(samlResponseXml({ roleValues: [roleValue(admin)] }).replace('Attributes/Role"', 'Attributes/Other"')), 'no-role-attribute'],
  ])('fails on %s without opening the host or calling STS', async (_label, response, code) => {
    const h = harness();
    const record = await runLogin({ ...post([roleValue(admin)]), samlResponse: response }, h.deps);
    expect(record).toMatchObject({ state: 'failed', error: { code } });
    expect(h.hostOpened).toBe(0);
    expect(h.assumed).toEqual([]);
  });

  it('fails when the role chosen is not in the assertion', async () => {
    const h = harness();
    const record = await runLogin(post([roleValue(admin)], { roleIndex: roleArn(dev) }), h.deps);
    expect(record.error?.code).toBe('role-not-in-assertion');
  });

  it('records an STS refusal and writes nothing', async () => {
    const h = harness({ assume: () => Promise.reject(new LoginError('sts-rejected', 'AWS STS refused the role Admin')) });
    const record = await runLogin(post([roleValue(admin)]), h.deps);
    expect(record).toMatchObject({ state: 'failed', error: { code: 'sts-rejected' }, results: [{ state: 'failed', error: { code: 'sts-rejected' } }] });
    expect(h.requests).toEqual([]);
    expect(h.hostClosed).toBe(1);
  });

  it('records the host refusing the write, in its words', async () => {
    const h = harness({ reply: () => Promise.resolve({ ok: false, code: 8, error: 'fileWriteFailed', message: 'The disk is full; nothing was changed.' }) });
    const record = await runLogin(post([roleValue(admin)]), h.deps);
    expect(record).toMatchObject({ state: 'failed', error: { code: 'write-failed', message: 'The disk is full; nothing was changed.' } });
  });

  it('records a missing host with the command that fixes it, and keeps the credentials for the popup', async () => {
    const h = harness({ ping: () => Promise.reject(new LoginError('host-missing', 'not installed. run ./install-host.sh')) });
    const record = await runLogin(post([roleValue(admin)]), h.deps);
    expect(record.error).toEqual({ code: 'host-missing', message: 'not installed. run ./install-host.sh' });
    expect(h.requests).toEqual([]);
    expect(h.hostStatuses).toEqual([expect.objectContaining({ state: 'missing' })]);
    expect(h.kept).toEqual([[{ name: '111122223333-Admin', ...credentials }]]);
    expect(record.results).toEqual([expect.objectContaining({ profile: '111122223333-Admin', state: 'unwritten', expiration: credentials.expiration })]);
    expect(JSON.stringify(h.records)).not.toContain(credentials.secretAccessKey);
  });

  it('refuses to write through a host older than it needs', async () => {
    const h = harness({ ping: () => Promise.resolve({ ...PONG, protocol: 0 }) });
    const record = await runLogin(post([roleValue(admin)]), h.deps);
    expect(record.error).toMatchObject({ code: 'host-failed', message: expect.stringContaining('./install-host.sh') });
    expect(h.hostStatuses).toEqual([expect.objectContaining({ state: 'too-old', version: '0.1.0', protocol: 0 })]);
    expect(h.requests).toEqual([]);
  });

  it('reports a healthy host, and keeps the credentials in memory for the popup', async () => {
    const h = harness();
    await runLogin(post([roleValue(admin)]), h.deps);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.hostStatuses).toEqual([expect.objectContaining({ state: 'ok', version: '0.1.0', protocol: PROTOCOL_VERSION, message: '' })]);
    expect(h.kept).toEqual([[{ name: '111122223333-Admin', ...credentials }]]);
  });

  it('turns an unexpected exception into a failed record without its details', async () => {
    const h = harness({ assume: () => Promise.reject(new TypeError(`secret ${credentials.secretAccessKey}`)) });
    const record = await runLogin(post([roleValue(admin)]), h.deps);
    expect(record.error?.code).toBe('internal');
    expect(JSON.stringify(record)).not.toContain(credentials.secretAccessKey);
  });

  describe('before any STS call', () => {
    const timed = (notBefore: Date, notOnOrAfter: Date) => ({ ...post([roleValue(admin)]), samlResponse: samlResponse({ roleValues: [roleValue(admin)], notBefore, notOnOrAfter }) });
    const minutes = (n: number) => new Date(Date.now() + n * 60_000);

    it('refuses an expired assertion', async () => {
      const h = harness();
      const record = await runLogin(timed(minutes(-20), minutes(-10)), h.deps);
      expect(record.error).toMatchObject({ code: 'assertion-expired', message: expect.stringContaining('Sign in again') });
      expect(h.assumed).toEqual([]);
      expect(h.hostOpened).toBe(0);
    });

    it('refuses an assertion that is not valid yet', async () => {
      const h = harness();
      const record = await runLogin(timed(minutes(30), minutes(35)), h.deps);
      expect(record.error?.code).toBe('assertion-not-yet-valid');
      expect(h.assumed).toEqual([]);
    });

    it('allows a few minutes of clock difference either way', async () => {
      const h = harness();
      expect((await runLogin(timed(minutes(3), minutes(8)), h.deps)).state).toBe('done');
      expect((await runLogin(timed(minutes(-10), minutes(-3)), h.deps)).state).toBe('done');
    });
  });

  it('notes a SessionDuration outside AWS limits and lets STS use its default', async () => {
    const h = harness();
    const response = samlResponse({ roleValues: [roleValue(admin)], sessionDuration: 86400 });
    const record = await runLogin({ ...post([roleValue(admin)]), samlResponse: response }, h.deps);
    expect(h.assumed[0]).not.toHaveProperty('durationSeconds');
    expect(record.notes).toEqual([expect.stringContaining('"86400" seconds, outside')]);
  });

  it('notes role values it skipped', async () => {
    const h = harness();
    const record = await runLogin(post([roleValue(admin), 'not,a,pair']), h.deps);
    expect(record.notes).toEqual([expect.stringContaining('1 Role value that is not a role/provider ARN pair (first: "not,a,pair")')]);
  });

  it('remembers the provider of each account it signs in to', async () => {
    const h = harness();
    await runLogin(post([roleValue(admin)]), h.deps);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.providers.get(`aws:${admin.accountId}`)).toBe(providerArn(admin));
  });

  describe('an encrypted assertion', () => {
    const encrypted = (roleIndex?: string): SamlPost => ({
      ...post([]),
      samlResponse: toBase64(encryptedSamlResponseXml()),
      ...(roleIndex ? { roleIndex } : {}),
    });

    it('uses the role chosen on the AWS page with the provider remembered for its account', async () => {
      const h = harness();
      h.providers.set(`aws:${admin.accountId}`, providerArn(admin));
      const record = await runLogin(encrypted(roleArn(admin)), h.deps);
      expect(record.state).toBe('done');
      expect(h.assumed[0]!.role).toMatchObject({ roleArn: roleArn(admin), principalArn: providerArn(admin) });
    });

    it('says what it needs when the account provider is unknown', async () => {
      const h = harness();
      const record = await runLogin(encrypted(roleArn(admin)), h.deps);
      expect(record.error).toMatchObject({ code: 'encrypted-assertion', message: expect.stringContaining(admin.accountId) });
      expect(h.assumed).toEqual([]);
    });

    it('explains, before the role page, that the role must be chosen there', async () => {
      const h = harness();
      const record = await runLogin(encrypted(), h.deps);
      expect(record.error).toMatchObject({ code: 'encrypted-assertion', message: expect.stringContaining('choose a role there') });
    });
  });

  describe('with the options', () => {
    const ops = { accountId: '777788889999', roleName: 'Ops' };
    const many = Array.from({ length: 20 }, (_, i) => ({ accountId: String(100000000000 + i), roleName: `Role${i}` }));

    it('"all" assumes every role at the first POST, through a pool of 8, and writes once', async () => {
      let inFlight = 0;
      let most = 0;
      const h = harness({
        settings: { refresh: 'all' },
        assume: async () => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inFlight -= 1;
          return { credentials };
        },
      });
      const record = await runLogin(post(many.map(roleValue)), h.deps);
      expect(record.state).toBe('done');
      expect(record.results).toHaveLength(20);
      expect(record.results.every((result) => result.state === 'written')).toBe(true);
      expect(most).toBe(8);
      expect(h.requests).toHaveLength(1);
      expect((h.requests[0] as unknown as { profiles: ProfileCredentials[] }).profiles.map((p) => p.name)).toEqual(many.map((r) => `${r.accountId}-${r.roleName}`));
    });

    it('"all" refreshes only the chosen role when the role page posts again', async () => {
      const h = harness({ settings: { refresh: 'all' } });
      const record = await runLogin(post([roleValue(admin), roleValue(dev)], { roleIndex: roleArn(dev) }), h.deps);
      expect(record.results.map((r) => r.roleArn)).toEqual([roleArn(dev)]);
    });

    it('"list" refreshes the listed roles the assertion offers', async () => {
      const h = harness({ settings: { refresh: 'list', refreshList: [roleArn(ops), roleArn(admin), 'arn:aws:iam::999999999999:role/Elsewhere'] } });
      const record = await runLogin(post([roleValue(admin), roleValue(dev), roleValue(ops)]), h.deps);
      expect(record.results.map((r) => r.roleName)).toEqual(['Admin', 'Ops']);
    });

    it('"list" waits for the role page when none of the listed roles is offered', async () => {
      const h = harness({ settings: { refresh: 'list', refreshList: [roleArn(ops)] } });
      expect((await runLogin(post([roleValue(admin), roleValue(dev)]), h.deps)).state).toBe('choose-role');
    });

    it("writes the others when one role fails, and shows that role's reason", async () => {
      const h = harness({
        settings: { refresh: 'all' },
        assume: (input) =>
          input.role.roleName === 'Dev' ? Promise.reject(new LoginError('sts-rejected', 'AWS STS refused the role Dev')) : Promise.resolve({ credentials }),
      });
      const record = await runLogin(post([roleValue(admin), roleValue(dev), roleValue(ops)]), h.deps);
      expect(record.state).toBe('done');
      expect(record.results.map((r) => [r.roleName, r.state, r.error?.code])).toEqual([
        ['Admin', 'written', undefined],
        ['Dev', 'failed', 'sts-rejected'],
        ['Ops', 'written', undefined],
      ]);
      expect((h.requests[0] as unknown as { profiles: ProfileCredentials[] }).profiles).toHaveLength(2);
    });

    it('names profiles by the template, with account names, and adds region and output', async () => {
      const h = harness({
        settings: { profileTemplate: '{account_name}.{role_name}', roleTemplates: { [roleArn(dev)]: 'dev' }, region: 'eu-west-1', output: 'json', refresh: 'all' },
        accountNames: { [admin.accountId]: 'Data Platform (prod)' },
      });
      const record = await runLogin(post([roleValue(admin), roleValue(dev), roleValue(ops)]), h.deps);
      expect(record.results.map((r) => r.profile)).toEqual(['Data-Platform-prod.Admin', 'dev', '777788889999.Ops']);
      expect((h.requests[0] as unknown as { profiles: ProfileCredentials[] }).profiles[0]).toMatchObject({ region: 'eu-west-1', output: 'json' });
    });

    it('refuses a name two roles would share, for the second role only', async () => {
      const h = harness({ settings: { profileTemplate: '{role_name}', refresh: 'all' } });
      const twin = { accountId: '999988887777', roleName: 'Admin' };
      const record = await runLogin(post([roleValue(admin), roleValue(twin)]), h.deps);
      expect(record.results.map((r) => [r.state, r.error?.code])).toEqual([
        ['written', undefined],
        ['failed', 'profile-name-taken'],
      ]);
      expect(h.assumed).toHaveLength(1);
    });

    it('asks STS for the fixed session duration instead of the assertion\'s', async () => {
      const h = harness({ settings: { sessionDuration: 3600 } });
      await runLogin(post([roleValue(admin)]), h.deps);
      expect(h.assumed[0]!.durationSeconds).toBe(3600);
    });

    it('also writes the chosen role as [default] when asked', async () => {
      const h = harness({ settings: { writeDefault: true } });
      const record = await runLogin(post([roleValue(admin), roleValue(dev)], { roleIndex: roleArn(dev) }), h.deps);
      expect((h.requests[0] as unknown as { profiles: ProfileCredentials[] }).profiles.map((p) => p.name)).toEqual(['444455556666-Dev', 'default']);
      expect(record.results.map((r) => [r.profile, r.roleName, r.state])).toEqual([
        ['444455556666-Dev', 'Dev', 'written'],
        ['default', 'Dev', 'written'],
      ]);
    });

    it("shows a profile the host refused for holding a person's long-lived keys", async () => {
      const h = harness({
        settings: { writeDefault: true },
        reply: () => Promise.resolve({ ok: true, type: 'write-profiles', file: '/f', profiles: ['111122223333-Admin'], refused: ['default'], notes: [] }),
      });
      const record = await runLogin(post([roleValue(admin)]), h.deps);
      expect(record.state).toBe('done');
      expect(record.results[1]).toMatchObject({ profile: 'default', state: 'refused', error: { code: 'long-lived-keys', message: expect.stringContaining('[default] in /f holds long-lived access keys') } });
    });

    it('uses the provider ARN from the options for an encrypted assertion', async () => {
      const h = harness({ settings: { samlProviders: [providerArn(admin)] } });
      const record = await runLogin({ ...post([]), samlResponse: toBase64(encryptedSamlResponseXml()), roleIndex: roleArn(admin) }, h.deps);
      expect(record.state).toBe('done');
      expect(h.assumed[0]!.role.principalArn).toBe(providerArn(admin));
    });
  });

  describe('chained roles', () => {
    const chains = [{ from: roleArn(admin), roleArn: roleArn(deploy) }];

    it("assumes the chained role with the SAML role's credentials, for at most an hour, and writes both in one request", async () => {
      const h = harness({ settings: { chains: [{ ...chains[0]!, externalId: 'ext-1234' }] } });
      const record = await runLogin(post([roleValue(admin)]), h.deps);
      expect(h.chained).toEqual([
        {
          role: expect.objectContaining({ roleArn: roleArn(deploy), accountId: deploy.accountId }),
          credentials,
          endpoint: { region: 'us-east-1', url: 'https://sts.us-east-1.amazonaws.com' },
          // The assertion asks for 2 hours; a chained session gets AWS's 1-hour limit.
          durationSeconds: 3600,
          sessionName: 'jane.doe@example.com',
          externalId: 'ext-1234',
        },
      ]);
      expect(h.requests).toEqual([
        { type: 'write-profiles', profiles: [{ name: '111122223333-Admin', ...credentials }, { name: '999988887777-Deploy', ...chainedCredentials }], source: { how: 'console', idp: 'https://idp.example.test/saml' } },
      ]);
      expect(record.state).toBe('done');
      expect(record.results[1]).toMatchObject({ profile: '999988887777-Deploy', roleArn: roleArn(deploy), via: roleArn(admin), state: 'written', expiration: chainedCredentials.expiration });
      expect(record.results[1]!.notes).toEqual([expect.stringContaining("AWS limits a chained role's session to 1 hour, so these credentials last 1 hour, not the 2 hours asked")]);
      expect(JSON.stringify(h.records)).not.toContain(chainedCredentials.secretAccessKey);
    });

    it('says nothing of the hour when no more was asked, and uses a safe session name when the assertion has none usable', async () => {
      const h = harness({ settings: { chains } });
      const record = await runLogin({ ...post([]), samlResponse: samlResponse({ roleValues: [roleValue(admin)], roleSessionName: 'Jane Doe' }) }, h.deps);
      expect(h.chained[0]).toMatchObject({ durationSeconds: 3600, sessionName: 'stsbridge' });
      expect(record.results[1]!.notes).toEqual([]);
    });

    it('runs only from a role this login refreshes', async () => {
      const h = harness({ settings: { chains: [{ from: roleArn(dev), roleArn: roleArn(deploy) }] } });
      await runLogin(post([roleValue(admin), roleValue(dev)], { roleIndex: roleArn(admin) }), h.deps);
      expect(h.chained).toEqual([]);
    });

    it('reports a chained role as failed, with the reason, when its SAML role failed', async () => {
      const h = harness({
        settings: { chains, refresh: 'all' },
        assume: (input) => (input.role.roleArn === roleArn(admin) ? Promise.reject(new LoginError('sts-rejected', 'AWS STS refused the role Admin')) : Promise.resolve({ credentials })),
      });
      const record = await runLogin(post([roleValue(admin), roleValue(dev)]), h.deps);
      expect(h.chained).toEqual([]);
      expect(record.state).toBe('done');
      expect(record.results.map((r) => [r.profile, r.state, r.error?.code])).toEqual([
        ['111122223333-Admin', 'failed', 'sts-rejected'],
        ['999988887777-Deploy', 'failed', 'chain-source-failed'],
        ['444455556666-Dev', 'written', undefined],
      ]);
      expect(record.results[1]!.error!.message).toContain('chained from Admin in 111122223333, which failed');
    });

    it('writes the SAML role when STS refuses the chained one', async () => {
      const h = harness({ settings: { chains }, assumeChained: () => Promise.reject(new LoginError('sts-rejected', 'AWS STS refused the role Deploy in 999988887777 (AccessDenied)')) });
      const record = await runLogin(post([roleValue(admin)]), h.deps);
      expect(record.state).toBe('done');
      expect(record.results.map((r) => [r.profile, r.state])).toEqual([
        ['111122223333-Admin', 'written'],
        ['999988887777-Deploy', 'failed'],
      ]);
      expect(h.requests[0]).toMatchObject({ profiles: [{ name: '111122223333-Admin' }] });
    });

    it('refuses a chained profile name a SAML role already has', async () => {
      const h = harness({ settings: { chains, roleTemplates: { [roleArn(deploy)]: '111122223333-Admin' } } });
      const record = await runLogin(post([roleValue(admin)]), h.deps);
      expect(h.chained).toEqual([]);
      expect(record.results[1]).toMatchObject({ state: 'failed', error: { code: 'profile-name-taken' } });
    });

    it('shares the pool of 8 with the SAML calls', async () => {
      let inFlight = 0;
      let most = 0;
      const slow = <T>(value: T) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        return new Promise<T>((resolve) => setTimeout(() => ((inFlight -= 1), resolve(value)), 5));
      };
      const accounts = Array.from({ length: 12 }, (_, index) => ({ accountId: String(100000000000 + index), roleName: 'Admin' }));
      const targets = accounts.map((account) => ({ from: roleArn(account), roleArn: roleArn({ ...account, roleName: 'Deploy' }) }));
      const h = harness({ settings: { refresh: 'all', chains: targets }, assume: () => slow({ credentials }), assumeChained: () => slow({ credentials: chainedCredentials }) });
      const record = await runLogin(post(accounts.map(roleValue)), h.deps);
      expect(record.results.filter((r) => r.state === 'written')).toHaveLength(24);
      // Full, and never over: a pool of 1 (or of 24) would fail here.
      expect(most).toBe(8);
      expect(h.requests).toHaveLength(1);
    });
  });
});
