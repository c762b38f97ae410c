// Account names from AWS's role-selection page, in both its forms: the old HTML page labels
// each account "Account: name (123456789012)" (or just the ID when it has no alias); the current
// NextJS page puts the same labels, as keys of `roles_accounts`, in base64 JSON inside
// <meta name="data"> (saml2aws #1110, #1507 and gimme-aws-creds #425 lost names to that change).
// Pure: the content script hands in what it read from the page.

export interface RolePageParts {
  /** Text of each `.saml-account-name` element (old page). */
  readonly accountLabels: readonly string[];
  /** The content attribute of <meta name="data"> (current page), if any. */
  readonly metaData?: string;
}

const LABEL = /^(?:Account:\s*)?(?:(.*?)\s+\((\d{12})\)|(\d{12}))$/;

/** Account ID → name, for the accounts the page names; an account shown by ID alone has none. */
export function readAccountNames(parts: RolePageParts): Map<string, string> {
  const names = new Map<string, string>();
  const add = (label: string) => {
    const match = LABEL.exec(label.trim());
    const name = match?.[1]?.trim();
    if (match?.[2] && name) names.set(match[2], name);
  };
  parts.accountLabels.forEach(add);
  for (const label of labelsFromMetaData(parts.metaData)) add(label);
  return names;
}

function labelsFromMetaData(content: string | undefined): string[] {
  if (!content) return [];
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(content.trim()), (char) => char.charCodeAt(0)));
    const data = JSON.parse(json) as { roles_accounts?: unknown };
    return data.roles_accounts && typeof data.roles_accounts === 'object' ? Object.keys(data.roles_accounts) : [];
  } catch {
    // Not the shape we know: no names, rather than a broken page.
    return [];
  }
}
