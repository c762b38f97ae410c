// Runs a program and collects what it printed, without blocking: the e2e tiers' IdP, sign-in and
// STS stand-ins answer from this very process, so a spawnSync would stall the browser waiting on
// them (a silent sign-in's window never got its page).

import { spawn } from 'node:child_process';

export interface CommandRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** When it started (performance.now()) and how long it ran, in ms. */
  readonly started: number;
  readonly ms: number;
}

export function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CommandRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr, started, ms: performance.now() - started }));
  });
}

/**
 * A time as the command prints it (native-host/cli/profile-credentials.ts localTime): "14:02", or
 * "8 Dec 00:03" when it is not today, as keys an hour from 23:30 are.
 */
export const COMMAND_TIME = '(\\d{1,2} [A-Z][a-z]{2} )?\\d\\d:\\d\\d';
