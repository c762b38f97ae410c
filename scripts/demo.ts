// `npm run demo`: the whole flow on this machine, no AWS account needed. Chromium loads the built
// extension, a local identity provider posts a SAML assertion to (a local stand-in for) the AWS
// sign-in endpoint, the extension calls (a local stand-in for) STS, and the real native host
// writes the profile into a temporary credentials file, which the AWS CLI then reads.

import { readFileSync } from 'node:fs';
import { launchBrowser } from '../test/e2e/browser';
import { GLOBAL_STS, startFakeAws } from '../test/e2e/fake-aws/server';
import { readWithAwsCli, readWithSdk } from '../test/e2e/aws-clients';
import { awsCli, builtExtension, chromiumBinary } from '../test/requirements';
import { roleArn, roleValue, samlResponse } from '../test/fixtures/saml';

const missing = [chromiumBinary, builtExtension].filter((requirement) => !requirement.present());
if (missing.length > 0) {
  console.error(`The demo needs ${missing.map((requirement) => `${requirement.name} (${requirement.remedy})`).join(' and ')}.`);
  process.exit(1);
}
const awsCliAvailable = awsCli.present();

const role = { accountId: '123456789012', roleName: 'Developer', providerName: 'ExampleIdP' };
const profile = `${role.accountId}-${role.roleName}`;
const step = (text: string) => console.log(`\n▸ ${text}`);

const fake = await startFakeAws();
fake.stsLatencyMs = 100; // about what a real STS round trip costs
const started = performance.now();
step('Starting Chromium with the stsbridge extension (dist/) and registering the native host…');
const browser = await launchBrowser(fake);
try {
  /** One sign-in; its record, and the milliseconds from the POST reaching AWS's sign-in to the profile written. */
  const signIn = async () => {
    const url = fake.addLogin({ samlResponse: samlResponse({ roleValues: [roleValue(role)], sessionDuration: 3600 }), stsHost: GLOBAL_STS });
    const record = await browser.login(url);
    return { record, ms: Math.round(performance.now() - fake.signinPosts.at(-1)!.receivedAt) };
  };
  step(`Signing in: the identity provider posts an assertion for ${roleArn(role)} to https://signin.aws.amazon.com/saml`);
  const first = await signIn();
  // The first login after the browser starts writes only once the browser has read the
  // organisation's policy (which can change what is written), and that first read takes seconds.
  step('Signing in again, as on any later console login…');
  const { record, ms } = first.record.state === 'done' ? await signIn() : first;
  if (record.state !== 'done') {
    console.error(`The login failed: ${record.error?.message ?? record.state}`);
    process.exitCode = 1;
  } else {
    const call = fake.stsCalls.at(-1)!;
    step(
      `The extension called AssumeRoleWithSAML at ${call.host} (the local stand-in) and the host wrote the profile: ${ms} ms from the POST, STS taking 100 ms of it ` +
        `(the first login after the browser started took ${(first.ms / 1000).toFixed(1)} s: it waits, once, for the browser to read the organisation's policy):`,
    );
    console.log(readFileSync(browser.credentialsFile, 'utf8').trimEnd().replace(/^/gm, '    '));
    step(`Reading it back as the AWS tools do (--profile ${profile}):`);
    const read = awsCliAvailable ? await readWithAwsCli(browser.credentialsFile, profile) : await readWithSdk(browser.credentialsFile, profile);
    console.log(`    ${awsCliAvailable ? 'aws configure export-credentials' : 'AWS SDK fromIni'}: ${read.accessKeyId}, session token of ${read.sessionToken?.length ?? 0} characters`);
    step(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s. These credentials are the stand-in's fakes; with a real login they are real and expire at ${record.results[0]!.expiration}.`);
  }
} finally {
  await browser.close();
  await fake.close();
}
