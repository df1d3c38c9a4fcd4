// @baton/server's public surface for code outside the app (the benchmarks): the stores and the wiring, not main.ts.
export { type Composed, type ComposeOptions, compose } from './compose';
export { type Db, openDatabase, schemaVersion } from './db/database';
export { type EventRecorderDeps, RunEventRecorder } from './runs/event-recorder';
export { createMemoryNotifier } from './store/memory-notifier';
export { createSqliteGraphStore } from './store/sqlite-graph-store';
export { createSqliteRunStore } from './store/sqlite-run-store';
export type { GraphStore, NewRun, RunNotifier, RunStore, StoredEventText } from './store/types';
