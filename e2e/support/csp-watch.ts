// Collects what a page reports against its Content-Security-Policy: `securitypolicyviolation` events (listened
// for before any page script runs) and console errors, for specs that must see none.
import type { Page } from '@playwright/test';

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sample: string;
  source: string;
}

declare global {
  interface Window {
    __cspViolations?: CspViolation[];
  }
}

export class CspWatch {
  readonly consoleErrors: string[] = [];

  private constructor(readonly page: Page) {}

  /** Starts watching `page`: call before its first navigation. */
  static async on(page: Page): Promise<CspWatch> {
    const watch = new CspWatch(page);
    // Init scripts go in through the DevTools protocol, so the policy does not apply to this one itself.
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations?.push({
          directive: event.effectiveDirective,
          blockedURI: event.blockedURI,
          sample: event.sample,
          source: `${event.sourceFile}:${event.lineNumber}`,
        });
      });
    });
    page.on('console', (message) => {
      if (message.type() === 'error') watch.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => watch.consoleErrors.push(`uncaught: ${error.message}`));
    return watch;
  }

  /** The violations the page reported since it was loaded (a navigation starts a new list). */
  async violations(): Promise<CspViolation[]> {
    return this.page.evaluate(() => window.__cspViolations ?? []);
  }

  async clear(): Promise<void> {
    this.consoleErrors.length = 0;
    await this.page.evaluate(() => {
      window.__cspViolations = [];
    });
  }
}
