import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isDeadLocalOwner, newOwnerId } from './owner-id';

describe('owner ids', () => {
  it('say a claim holder of this host is gone only when its process is', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    const owner = `${hostname()}/${child.pid}/x`;
    expect(isDeadLocalOwner(owner)).toBe(false);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(isDeadLocalOwner(owner)).toBe(true);
    // Doubt leaves the lease to expire: another host, this very process, an id of another shape.
    expect(isDeadLocalOwner(`another-host/${child.pid}/x`)).toBe(false);
    expect(isDeadLocalOwner(newOwnerId())).toBe(false);
    expect(isDeadLocalOwner('cancel_1')).toBe(false);
  });
});
