// Chromium for the canvas cases: the system build, headless, with the flags the project agreed on.
import { type Browser, chromium, type Page } from '@playwright/test';

export const CHROMIUM_PATH = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
}

/**
 * tsx compiles this package with esbuild's keepNames, which wraps nested functions in `__name(...)`; functions that
 * Playwright serialises into the page then need that helper there too.
 */
export async function preparePage(page: Page): Promise<void> {
  await page.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
}
