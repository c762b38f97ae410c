// Runs on AWS's SAML sign-in pages: when the page is the role-selection page (old HTML or the
// current NextJS app), remembers the account names it shows. Reads the page, changes nothing.

import { readAccountNames } from './account-names';
import { rememberAccountNames } from '../../storage/remember';

const names = readAccountNames({
  accountLabels: [...document.querySelectorAll('.saml-account-name')].map((element) => element.textContent ?? ''),
  ...optionalMeta(document.querySelector<HTMLMetaElement>('meta[name="data"]')?.content),
});

function optionalMeta(content: string | undefined): { metaData?: string } {
  return content ? { metaData: content } : {};
}

void rememberAccountNames(names).catch(() => undefined);
