// An account as people know it: "Data Platform (123456789012)" once AWS's role page has named
// it, the bare ID before.

export function accountLabel(accountId: string, names: Readonly<Record<string, string>>): string {
  const name = Object.hasOwn(names, accountId) ? names[accountId] : undefined;
  return name ? `${name} (${accountId})` : accountId;
}
