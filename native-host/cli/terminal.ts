// Where a command's words go: stdout for what the command produces (JSON, export lines, a
// list), stderr for everything said to the person. Never a secret on stderr.

export interface Terminal {
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
}
