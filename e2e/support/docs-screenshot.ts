// Where a screenshot for the docs goes: docs/ when BATON_SCREENSHOTS=1 (to refresh them), else the test's own output,
// so that an ordinary test run never changes tracked files.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestInfo } from '@playwright/test';

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');

export function docsScreenshotPath(fileName: string, testInfo: TestInfo): string {
  return process.env.BATON_SCREENSHOTS ? path.join(docsDir, fileName) : testInfo.outputPath(fileName);
}
