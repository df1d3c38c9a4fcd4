// Many tests here start the real server as a child process (tsx loads its sources) or run whole graphs: on a busy
// two-core machine that takes more than vitest's 5 s default. Timing is measured in bench/, never by these limits.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } });
