// What a profile name may be. Names become INI section headers, so anything that could end a
// header, start a comment or a new line would let a crafted role name inject sections or keys.
// The options page imports this too, so it stays free of Node APIs.

export const MAX_PROFILE_NAME_LENGTH = 64;

// Letters, digits and the punctuation IAM allows in role names, plus '/' for templates with paths.
const ALLOWED = /^[A-Za-z0-9_+=,.@/-]+$/;

/** Why `name` cannot be a profile name, or undefined when it can. */
export function profileNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a profile name cannot be empty';
  if (name.length > MAX_PROFILE_NAME_LENGTH) return `a profile name is at most ${MAX_PROFILE_NAME_LENGTH} characters`;
  if (!ALLOWED.test(name)) {
    return 'a profile name may hold only letters, digits and _ + = , . @ / -';
  }
  return undefined;
}

/** The default profile name: `<account-id>-<role-name>`, cut to a valid length. */
export function defaultProfileName(accountId: string, roleName: string): string {
  return `${accountId}-${roleName}`.slice(0, MAX_PROFILE_NAME_LENGTH);
}
