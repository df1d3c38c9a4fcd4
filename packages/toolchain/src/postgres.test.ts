import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitForPort } from './free-port';
import { findPostgresBin, locatePostgres, NO_POSTGRES_MESSAGE, startPostgres } from './postgres';

const psql = (bin: string, url: string, sql: string) =>
  execFileSync(path.join(bin, 'psql'), [url, '-XAtc', sql], { encoding: 'utf8' }).trim();

describe('startPostgres', () => {
  it('starts a fresh cluster on a free loopback port with its socket in its own directory, and stop() removes it', async () => {
    const server = await startPostgres();
    const bin = findPostgresBin()!;
    try {
      expect(server.url).toBe(`postgres://baton@127.0.0.1:${server.port}/postgres`);
      expect(
        psql(bin, server.url, "SELECT current_user || ' ' || inet_server_addr() || ' ' || current_setting('fsync')"),
      ).toBe('baton 127.0.0.1/32 off');
      expect(readdirSync(server.dir)).toContain(`.s.PGSQL.${server.port}`);
      if (process.getuid?.() === 0) {
        const pid = readFileSync(path.join(server.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]!;
        expect(execFileSync('ps', ['-o', 'user=', '-p', pid], { encoding: 'utf8' }).trim()).toBe('postgres');
        const owner = execFileSync('stat', ['-c', '%U', server.dir], { encoding: 'utf8' }).trim();
        expect(owner).toBe('postgres');
      }
      const other = server.createDatabase('second_db');
      expect(psql(bin, other, 'SELECT current_database()')).toBe('second_db');
    } finally {
      await server.stop();
    }
    expect(existsSync(server.dir)).toBe(false);
    await expect(waitForPort(server.port, 100)).rejects.toThrow(/Nothing listened/);
  }, 60_000);
});

describe('locatePostgres', () => {
  it('picks the newest version under the library directory', () => {
    const lib = mkdtempSync(path.join(os.tmpdir(), 'baton-pglib-'));
    try {
      for (const version of ['9', '15', '13']) {
        for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
          execFileSync('mkdir', ['-p', path.join(lib, version, 'bin')]);
          execFileSync('touch', [path.join(lib, version, 'bin', tool)]);
        }
      }
      expect(locatePostgres({ libDir: lib })).toBe(path.join(lib, '15', 'bin'));
    } finally {
      rmSync(lib, { recursive: true, force: true });
    }
  });

  it('tells anyone but root what to install, and installs it as root', () => {
    const lib = path.join(os.tmpdir(), 'baton-no-postgres-here');
    expect(() => locatePostgres({ libDir: lib, isRoot: false })).toThrow(NO_POSTGRES_MESSAGE);
    const installs: string[] = [];
    expect(() =>
      locatePostgres({ libDir: lib, isRoot: true, install: () => installs.push('apt'), log: () => {} }),
    ).toThrow(NO_POSTGRES_MESSAGE);
    expect(installs).toEqual(['apt']);
    expect(() =>
      locatePostgres({
        libDir: lib,
        isRoot: true,
        install: () => {
          throw new Error('E: Unable to locate package');
        },
        log: () => {},
      }),
    ).toThrow(/Installing PostgreSQL failed \(E: Unable to locate package\)/);
  });
});
