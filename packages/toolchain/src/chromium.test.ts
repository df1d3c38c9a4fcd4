import { describe, expect, it } from 'vitest';
import { type ChromiumMachine, ChromiumNotFoundError, findChromium, NO_CHROMIUM_MESSAGE } from './chromium';

const PLAYWRIGHT_OWN = '/root/.cache/ms-playwright/chromium-1/chrome-linux/chrome';

/** A machine with the given files, user and environment; `installs` are the files an apt install would add. */
function machine(options: {
  files?: string[];
  env?: Record<string, string>;
  root?: boolean;
  installs?: string[];
}): ChromiumMachine & { installCalls: number; lines: string[] } {
  const files = new Set(options.files ?? []);
  const result = {
    env: options.env ?? {},
    exists: (path: string) => files.has(path),
    isRoot: () => options.root ?? false,
    playwrightPath: () => PLAYWRIGHT_OWN,
    install: () => {
      result.installCalls += 1;
      for (const file of options.installs ?? []) files.add(file);
    },
    log: (line: string) => result.lines.push(line),
    installCalls: 0,
    lines: [] as string[],
  };
  return result;
}

describe('findChromium', () => {
  it('uses CHROMIUM_PATH when it names a file, before any system browser', () => {
    const m = machine({
      env: { CHROMIUM_PATH: '/opt/chrome/chrome' },
      files: ['/opt/chrome/chrome', '/usr/bin/chromium'],
    });
    expect(findChromium(m)).toBe('/opt/chrome/chrome');
  });

  it('refuses a CHROMIUM_PATH that names nothing, saying so, and installs nothing', () => {
    const m = machine({ env: { CHROMIUM_PATH: '/nowhere/chrome' }, files: ['/usr/bin/chromium'], root: true });
    expect(() => findChromium(m)).toThrow('CHROMIUM_PATH is set to "/nowhere/chrome", but there is no file there.');
    expect(m.installCalls).toBe(0);
  });

  it("finds Debian's /usr/bin/chromium, then /usr/bin/chromium-browser", () => {
    expect(findChromium(machine({ files: ['/usr/bin/chromium', '/usr/bin/chromium-browser'] }))).toBe(
      '/usr/bin/chromium',
    );
    expect(findChromium(machine({ files: ['/usr/bin/chromium-browser'] }))).toBe('/usr/bin/chromium-browser');
  });

  it("falls back to Playwright's own browser when it was downloaded", () => {
    expect(findChromium(machine({ files: [PLAYWRIGHT_OWN] }))).toBe(PLAYWRIGHT_OWN);
  });

  it("installs Debian's package when root and none is found, then uses it", () => {
    const m = machine({ root: true, installs: ['/usr/bin/chromium'] });
    expect(findChromium(m)).toBe('/usr/bin/chromium');
    expect(m.installCalls).toBe(1);
    expect(m.lines[0]).toContain('installing Debian\'s "chromium" package');
  });

  it('does not install when a browser is already there, even as root', () => {
    const m = machine({ root: true, files: ['/usr/bin/chromium'] });
    expect(findChromium(m)).toBe('/usr/bin/chromium');
    expect(m.installCalls).toBe(0);
  });

  it('stops with one sentence that says what to install when not root', () => {
    const m = machine({ root: false });
    expect(() => findChromium(m)).toThrow(ChromiumNotFoundError);
    expect(() => findChromium(m)).toThrow(NO_CHROMIUM_MESSAGE);
    expect(m.installCalls).toBe(0);
    expect(NO_CHROMIUM_MESSAGE).toMatch(/^No Chromium found: install .+\.$/);
  });

  it('says the same sentence when a root install adds no browser', () => {
    const m = machine({ root: true, installs: [] });
    expect(() => findChromium(m)).toThrow(NO_CHROMIUM_MESSAGE);
    expect(m.installCalls).toBe(1);
  });
});

describe('findChromium when the install itself fails', () => {
  it('says that it failed and what to install by hand', () => {
    const m = machine({ root: true });
    m.install = () => {
      throw new Error('Command failed: apt-get update\nE: Could not resolve deb.debian.org');
    };
    expect(() => findChromium(m)).toThrow(
      `Installing Chromium failed (Command failed: apt-get update). ${NO_CHROMIUM_MESSAGE}`,
    );
  });
});
