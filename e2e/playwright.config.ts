// Playwright against the real server (built web app, SQLite in a fresh temp dir, simulated provider) in Chromium.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_FLAGS, findChromium } from '@baton/toolchain';
import { defineConfig } from '@playwright/test';
import { batonConfigText, mcpPorts } from './support/mcp-sources';

// BATON_E2E_PORT lets two suites (two work trees on one machine) run side by side.
export const E2E_PORT = Number(process.env.BATON_E2E_PORT ?? 8788);
const baseURL = `http://127.0.0.1:${E2E_PORT}`;

// The config is loaded by the runner and again by each worker: the runner makes the directory, workers inherit it.
process.env.BATON_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'baton-e2e-'));

// The tools specs' MCP servers (support/mcp-sources.ts): the live one is started below, before Baton; the
// configuration file naming both goes into the data directory, for the Baton server's BATON_CONFIG.
const MCP_TEST_PORT = mcpPorts(E2E_PORT).live;
const batonConfig = join(process.env.BATON_E2E_DATA_DIR, 'baton.config.json');
writeFileSync(batonConfig, batonConfigText(E2E_PORT));

export default defineConfig({
  testDir: './tests',
  // A 2-core machine: one browser at a time keeps runs steady.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  globalTeardown: './support/global-teardown.ts',
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_FLAGS },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      // Started first (Playwright starts them in order): Baton asks it when the editor lists tools.
      command: 'node --import tsx support/mcp-test-server.ts',
      port: MCP_TEST_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { MCP_TEST_PORT: String(MCP_TEST_PORT) },
    },
    {
      command: 'node --import tsx ../apps/server/src/main.ts',
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        HOST: '127.0.0.1',
        PORT: String(E2E_PORT),
        BATON_DATA_DIR: process.env.BATON_E2E_DATA_DIR,
        // Always the simulated provider, paced so a run takes a few seconds and can be watched.
        OPENAI_API_KEY: '',
        BATON_TOKEN: '',
        BATON_SIM_CALL_MS: '150',
        BATON_SIM_TOKEN_MS: '10',
        BATON_CONFIG: batonConfig,
      },
    },
  ],
});
