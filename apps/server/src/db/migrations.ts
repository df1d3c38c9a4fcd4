// The SQLite schema as numbered migrations; `openDatabase` applies the missing ones, in order, at start.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a released migration never changes, a new one gets the next number. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'graphs, versions, runs, events',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE graphs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        draft TEXT NOT NULL,
        draft_revision INTEGER NOT NULL,
        -- The version whose document the draft equals; NULL once the draft changed after it.
        draft_version INTEGER,
        latest_version INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE graph_versions (
        graph_id TEXT NOT NULL REFERENCES graphs(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        label TEXT NOT NULL,
        reason TEXT NOT NULL,
        document TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (graph_id, version)
      ) STRICT;

      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        graph_id TEXT NOT NULL REFERENCES graphs(id) ON DELETE CASCADE,
        graph_version INTEGER NOT NULL,
        goal TEXT NOT NULL,
        input TEXT,
        budget TEXT,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        ended_at INTEGER,
        usage TEXT NOT NULL,
        model_calls INTEGER NOT NULL DEFAULT 0,
        event_count INTEGER NOT NULL DEFAULT 0,
        last_hash TEXT,
        result TEXT,
        error TEXT,
        pending_escalations TEXT NOT NULL DEFAULT '[]'
      ) STRICT;
      CREATE INDEX runs_by_graph ON runs (graph_id, created_at DESC);
      CREATE INDEX runs_by_status ON runs (status);

      CREATE TABLE run_events (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'runs keep their tokens per model, to price them',
    sql: `ALTER TABLE runs ADD COLUMN spend TEXT NOT NULL DEFAULT '{"simulated":null,"byModel":{}}';`,
  },
  {
    version: 3,
    name: 'run claims, requests and decisions',
    sql: `
      -- Who executes a run (a lease renewed while it does) and what people asked of it, apart from its event-fed row.
      CREATE TABLE run_control (
        run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        owner TEXT,
        lease_until INTEGER,
        cancel_reason TEXT,
        resume_requested INTEGER NOT NULL DEFAULT 0,
        -- The trust-boundary nonce: every attempt of a run wraps data alike, so a repeated call sends the same prompt.
        nonce TEXT
      ) STRICT;

      CREATE TABLE run_decisions (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        escalation_id TEXT NOT NULL,
        resolution TEXT NOT NULL,
        decided_at INTEGER NOT NULL,
        PRIMARY KEY (run_id, escalation_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'test cases, stored per graph',
    // Self-contained: one new table, nothing else touched. A case is not a version: saving one changes no graph row.
    sql: `
      CREATE TABLE test_cases (
        id TEXT PRIMARY KEY,
        graph_id TEXT NOT NULL REFERENCES graphs(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        document TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (graph_id, name)
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: "a run's W3C trace context, given at its start",
    // The caller's `traceparent`: the run's exported trace becomes a child of the caller's span.
    sql: 'ALTER TABLE run_control ADD COLUMN traceparent TEXT;',
  },
];
