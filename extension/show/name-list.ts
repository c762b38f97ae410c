// How a list of profile names reads in one line of a notification: the first three, then how
// many more, so a login of 200 roles still fits.

export function nameList(names: readonly string[], shown = 3): string {
  const more = names.length > shown ? ` and ${names.length - shown} more` : '';
  return `${names.slice(0, shown).join(', ')}${more}`;
}
