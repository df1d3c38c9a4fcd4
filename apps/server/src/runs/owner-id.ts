// Owner ids of run claims: "<host>/<pid>/<random>", so that a restarted process on the same host can tell that the
// process holding a lease is gone (its pid no longer exists) and take its runs at once instead of at lease expiry.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export function newOwnerId(): string {
  return `${hostname()}/${process.pid}/${randomBytes(6).toString('base64url')}`;
}

/**
 * True only when the owner is a process of this host that no longer runs. Any doubt (another host, a pid now used by
 * another process, no permission to ask) answers false, and the lease is left to expire.
 */
export function isDeadLocalOwner(owner: string): boolean {
  const [host, pidText] = owner.split('/');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
