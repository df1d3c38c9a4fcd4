// Tests start the real binary as child processes: each start loads the sources through tsx, so allow for a busy machine.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { testTimeout: 120_000, hookTimeout: 120_000 } });
