// A desktop a person would see, for the headed tier: an X server (Xvfb) with a real window manager
// (openbox), a terminal the person types into, and monitors of what the X server does: windows
// created and mapped (drawn), the active window (focus), and what reached the terminal. Events
// are watched as the X server reports them, not polled.

import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const WIDTH = 1280;
export const HEIGHT = 800;

/** One line an X monitor printed, and when (performance.now()). */
export interface Seen {
  readonly at: number;
  readonly line: string;
  /** For a window mapped: where, and how large (its frame, as the window manager placed it). */
  readonly geometry?: Geometry;
}

export interface Geometry {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Desktop {
  readonly display: string;
  /** The environment for a program on this desktop. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Windows mapped (drawn) and unmapped on the root since the desktop started, each with its window ID. */
  readonly maps: Seen[];
  readonly unmaps: Seen[];
  /** Each change of the active window (`_NET_ACTIVE_WINDOW`), with the window's ID. */
  readonly focus: Seen[];
  /** Runs `xdotool` with these arguments; its output. */
  xdotool(...args: string[]): string;
  /**
   * Types `text` into the focused window, `delayMs` between keys, without blocking this process:
   * the monitors must go on reading events while the keys go out.
   */
  type(text: string, delayMs: number): Promise<void>;
  /** The first window whose name matches `pattern` (a regular expression, as xdotool takes it), once there is one. */
  findWindow(pattern: string, ms?: number): Promise<string>;
  close(): Promise<void>;
}

/** Waits until `ready()` is true, checking every 50 ms, for at most `ms`. */
export async function until(ready: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!ready()) {
    if (performance.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await sleep(50);
  }
}

function lines(child: ChildProcess, into: (line: string) => void): void {
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = rest + chunk.toString();
    const parts = text.split('\n');
    rest = parts.pop()!;
    for (const part of parts) into(part);
  });
}

export async function startDesktop(): Promise<Desktop> {
  const children: ChildProcess[] = [];
  // -displayfd: Xvfb picks a free display and writes its number to fd 3 when it accepts clients.
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${WIDTH}x${HEIGHT}x24`, '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  children.push(xvfb);
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it took clients`)));
  });
  const display = `:${number}`;
  const env = (extra: NodeJS.ProcessEnv = {}) => ({ ...process.env, DISPLAY: display, ...extra });
  const run = (command: string, args: string[]) => execFileSync(command, args, { env: env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

  const close = async () => {
    for (const child of children.reverse()) child.kill('SIGTERM');
    await sleep(100);
  };
  try {
    children.push(spawn('openbox', ['--sm-disable'], { env: env(), stdio: 'ignore' }));
    // The window manager is up once it names itself on the root window.
    await until(() => {
      try {
        return /window id # 0x/.test(run('xprop', ['-root', '_NET_SUPPORTING_WM_CHECK']));
      } catch {
        return false;
      }
    }, 10_000, 'openbox starting');

    const maps: Seen[] = [];
    const unmaps: Seen[] = [];
    const focus: Seen[] = [];
    // Substructure events of the root: every top-level window (openbox's frames included).
    // Line-buffered (stdbuf): into a pipe, stdio would hold events back, and their times with them.
    const xev = spawn('stdbuf', ['-oL', 'xev', '-root', '-event', 'substructure'], { env: env(), stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(xev);
    // xev prints each event over lines: the kind first, the window it is about on the next (with
    // its place and size, for a ConfigureNotify).
    const geometries = new Map<string, Geometry>();
    let kind: string | undefined;
    lines(xev, (line) => {
      const head = /^(\w+) event,/.exec(line);
      if (head) {
        kind = head[1];
        return;
      }
      const about = /^\s+event 0x[0-9a-f]+, window (0x[0-9a-f]+),(?: \((-?\d+),(-?\d+)\), width (\d+), height (\d+))?/.exec(line);
      if (about) {
        const [, window, x, y, width, height] = about;
        if (kind === 'ConfigureNotify' && x !== undefined) geometries.set(window!, { x: Number(x), y: Number(y), width: Number(width), height: Number(height) });
        const geometry = geometries.get(window!);
        if (kind === 'MapNotify') maps.push({ at: performance.now(), line: window!, ...(geometry ? { geometry } : {}) });
        if (kind === 'UnmapNotify') unmaps.push({ at: performance.now(), line: window! });
      }
      kind = undefined;
    });
    const spy = spawn('stdbuf', ['-oL', 'xprop', '-root', '-spy', '_NET_ACTIVE_WINDOW'], { env: env(), stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(spy);
    lines(spy, (line) => {
      const active = /window id # (0x[0-9a-f]+)/.exec(line);
      if (active) focus.push({ at: performance.now(), line: active[1]! });
    });
    return {
      display,
      env,
      maps,
      unmaps,
      focus,
      xdotool: (...args) => run('xdotool', args),
      type: (text, delayMs) =>
        new Promise<void>((resolve, reject) => {
          execFile('xdotool', ['type', '--delay', String(delayMs), text], { env: env() }, (error) => (error ? reject(new Error(`xdotool type failed: ${error.message}`)) : resolve()));
        }),
      async findWindow(pattern, ms = 15_000) {
        // Not `search --sync`: a window that goes away while xdotool walks the tree ends the whole
        // search with an X error. Searched again until it is there.
        let found = '';
        await until(() => {
          try {
            found = run('xdotool', ['search', '--name', pattern]).trim().split('\n')[0] ?? '';
          } catch {
            found = '';
          }
          return found !== '';
        }, ms, `a window named ${pattern}`);
        return found;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface Terminal {
  /** Its X window ID (decimal, as xdotool gives it). */
  readonly window: string;
  /** What reached the program in it: the lines typed, each sent by Enter. */
  typed(): string;
  close(): void;
}

/** A terminal on the left half of the screen, running `cat` into a file: what a person types lands there. */
export async function openTerminal(desktop: Desktop): Promise<Terminal> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stsbridge-typed-'));
  const file = path.join(dir, 'typed.txt');
  const title = `typist-${process.pid}`;
  const xterm = spawn('xterm', ['-title', title, '-geometry', `80x40+0+0`, '-e', 'sh', '-c', `cat > '${file}'`], { env: desktop.env(), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  xterm.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let window: string;
  try {
    window = await desktop.findWindow(title);
  } catch (error) {
    throw new Error(`xterm showed no window (exit ${xterm.exitCode}): ${stderr}`, { cause: error });
  }
  desktop.xdotool('windowactivate', '--sync', window);
  return {
    window,
    typed: () => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return '';
      }
    },
    close() {
      xterm.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
