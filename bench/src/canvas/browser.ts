// Chromium for the canvas cases: the one the toolchain finds, headless, with the flags the project agreed on.
import { CHROMIUM_FLAGS, findChromium } from '@baton/toolchain';
import { type Browser, chromium, type Page } from '@playwright/test';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_FLAGS, headless: true });
}

/**
 * tsx compiles this package with esbuild's keepNames, which wraps nested functions in `__name(...)`; functions that
 * Playwright serialises into the page then need that helper there too.
 */
export async function preparePage(page: Page): Promise<void> {
  await page.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
}
