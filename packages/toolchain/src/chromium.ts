// Finds the Chromium that browser tests and benchmarks drive, the same way everywhere; installs Debian's when root.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Flags for a shared, offline, 2-core machine: no sandbox (containers), no GPU, no background traffic. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

export const NO_CHROMIUM_MESSAGE =
  'No Chromium found: install Debian\'s "chromium" package (sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium binary.';

export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';
}

/** Everything the search touches on the machine, so that each branch can be tested without changing the machine. */
export interface ChromiumMachine {
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
  isRoot(): boolean;
  /** Where Playwright's own download would be, whether or not it is there. */
  playwrightPath(): string | undefined;
  /** Installs Debian's package; throws when the install fails. */
  install(): void;
  log(line: string): void;
}

export function findChromium(machine: ChromiumMachine = thisMachine()): string {
  const configured = machine.env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (machine.exists(configured)) return configured;
    throw new ChromiumNotFoundError(`CHROMIUM_PATH is set to "${configured}", but there is no file there.`);
  }
  const found = locate(machine);
  if (found) return found;
  if (machine.isRoot()) {
    machine.log(`No Chromium found: installing Debian's "chromium" package (${INSTALL_COMMAND})...`);
    try {
      machine.install();
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new ChromiumNotFoundError(`Installing Chromium failed (${reason}). ${NO_CHROMIUM_MESSAGE}`);
    }
    const installed = locate(machine);
    if (installed) return installed;
  }
  throw new ChromiumNotFoundError(NO_CHROMIUM_MESSAGE);
}

function locate(machine: ChromiumMachine): string | undefined {
  const system = SYSTEM_CHROMIUM_PATHS.find((path) => machine.exists(path));
  if (system) return system;
  const bundled = machine.playwrightPath();
  return bundled && machine.exists(bundled) ? bundled : undefined;
}

export function thisMachine(): ChromiumMachine {
  return {
    env: process.env,
    exists: existsSync,
    isRoot: () => process.getuid?.() === 0,
    playwrightPath: () => {
      try {
        return chromium.executablePath();
      } catch {
        return undefined;
      }
    },
    install: () => {
      // stdout goes to stderr: a caller may be printing a report (the bench's JSON) on stdout.
      execSync(INSTALL_COMMAND, { stdio: ['ignore', process.stderr, process.stderr] });
    },
    log: (line) => process.stderr.write(`${line}\n`),
  };
}
