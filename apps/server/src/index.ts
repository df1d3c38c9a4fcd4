// @baton/server's public surface for code outside the app (the benchmarks, the CLI): the stores, the wiring, and the
// one configuration module, provider factory and scrubber, so the CLI reads settings exactly as the server does.
export { type Composed, type ComposeOptions, compose } from './compose';
export { ConfigError, configuredSecrets, type OtelConfig, readConfig, type ServerConfig } from './config';
export { type Db, openDatabase, schemaVersion } from './db/database';
export { createLogger, type Logger } from './logger';
export { type OtlpFileOptions, otlpJsonLinesOf } from './otel/otlp-file';
export { withTraceContext } from './otel/trace-context-provider';
export { withToolTraceContext } from './otel/trace-context-tools';
export { formatTraceParent, parseTraceParent, type TraceParent } from './otel/traceparent';
export { createProvider, type ProviderFactories } from './provider';
export { type EventRecorderDeps, RunEventRecorder } from './runs/event-recorder';
export { createScrubber, scrubJson, scrubText } from './secrets';
export { createMemoryNotifier } from './store/memory-notifier';
export { applyEvent, type RunState, ZERO_USAGE } from './store/run-state';
export { createSqliteGraphStore } from './store/sqlite-graph-store';
export { createSqliteRunStore } from './store/sqlite-run-store';
export type { GraphStore, NewRun, RunNotifier, RunStore, StoredEventText } from './store/types';
