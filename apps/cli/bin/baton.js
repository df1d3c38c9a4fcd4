#!/usr/bin/env node
// The `baton` command: loads the TypeScript sources through tsx, as the server's start script does, then runs main.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
