// The one way in to schema-checks.ts: loaded on demand (ui/lazy-module.ts), so that its chunk (Ajv, the graph
// rules) loads when a check first runs, after the first screen.
import { lazyModule } from '../ui/lazy-module';

export type SchemaChecks = typeof import('./schema-checks');

export const schemaChecks = lazyModule<SchemaChecks>(() => import('./schema-checks'));
