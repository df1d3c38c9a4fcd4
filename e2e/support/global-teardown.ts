// Removes the temporary data directory the e2e server wrote its SQLite file to.
import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
  const dir = process.env.BATON_E2E_DATA_DIR;
  if (dir?.includes('baton-e2e-')) rmSync(dir, { recursive: true, force: true });
}
