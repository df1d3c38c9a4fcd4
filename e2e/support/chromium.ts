// Finds a Chromium for the e2e tests: CHROMIUM_PATH, Debian's, Playwright's own; installs Debian's when root.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

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

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new Error(`CHROMIUM_PATH is set to "${configured}", but there is no file there.`);
  }
  const found = locate();
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.log('No Chromium found: installing Debian\'s "chromium" package (apt-get install -y chromium)...');
    execSync('apt-get update && apt-get install -y chromium', { stdio: 'inherit' });
    const installed = locate();
    if (installed) return installed;
  }
  throw new Error(
    'No Chromium found: install Debian\'s "chromium" package (sudo apt-get install chromium) or run "npx playwright install chromium", or set CHROMIUM_PATH to a Chromium binary.',
  );
}

function locate(): string | undefined {
  const system = SYSTEM_PATHS.find((path) => existsSync(path));
  if (system) return system;
  try {
    const bundled = chromium.executablePath();
    return existsSync(bundled) ? bundled : undefined;
  } catch {
    return undefined;
  }
}
