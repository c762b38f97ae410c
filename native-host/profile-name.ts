// What a profile name may be. Names become INI section headers, so anything that could end a
// header, start a comment or a new line would let a crafted role name inject sections or keys.
// The options page imports this too, so it stays free of Node APIs.
//
// Some names that pass the character rule are read specially by an AWS reader, checked reader by
// reader (test/unit/native-host/profile-readers.test.ts runs each one):
// - `DEFAULT`: Python's configparser, under botocore, boto3 and the AWS CLI, takes that section
//   as defaults for every other section: its session token would be paired with every other
//   profile's keys. Exactly `DEFAULT`; `Default` and `default` are ordinary sections there.
// - `__proto__`: the JavaScript SDK refuses the whole file ("Found invalid profile name").
// - `profile NAME` in the credentials file (the JavaScript SDK reads it as NAME, botocore does
//   not) cannot occur: a space is not allowed.
// Dots, leading or trailing, are plain characters to botocore, the JavaScript SDK and the Go
// SDK v2 alike, and `default` is the profile every tool uses when none is named: stsbridge writes
// it only when the options ask.
// - A name that starts with `-` would be read as an option by a command that takes it as a word
//   (`credential_process = stsbridge credentials --help` prints the usage, which botocore cannot
//   parse), so none may: IAM allows a role name to start with one, a template then adds a prefix.

export const MAX_PROFILE_NAME_LENGTH = 64;

// Letters, digits and the punctuation IAM allows in role names, plus '/' for templates with paths.
const ALLOWED = /^[A-Za-z0-9_+=,.@/-]+$/;

/** Names an AWS reader treats as something other than a profile, with the reason. */
const RESERVED: ReadonlyMap<string, string> = new Map([
  ['DEFAULT', '"DEFAULT" is not a profile to the AWS CLI and boto3: they apply its keys to every other profile'],
  ['__proto__', '"__proto__" makes the AWS SDK for JavaScript refuse the whole file'],
]);

/** Why `name` cannot be a profile name, or undefined when it can. */
export function profileNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a profile name cannot be empty';
  if (name.length > MAX_PROFILE_NAME_LENGTH) return `a profile name is at most ${MAX_PROFILE_NAME_LENGTH} characters`;
  if (!ALLOWED.test(name)) {
    return 'a profile name may hold only letters, digits and _ + = , . @ / -';
  }
  if (name.startsWith('-')) return 'a profile name cannot start with "-", which commands would read as an option';
  return RESERVED.get(name);
}
