// The PostgreSQL schema as numbered migrations, the same tables and columns as SQLite's (db/migrations.ts).
// JSON fields are `text`, never `jsonb`: event bodies must come back byte for byte as sealed (jsonb reorders keys and
// refuses \u0000), and no column here is queried inside. Times are milliseconds since the epoch (`bigint`).
import type { Migration } from './migrations';

/** Append only: a released migration never changes, a new one gets the next number. */
export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'graphs, versions, runs, events, claims, requests, decisions',
    sql: `
      CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);

      CREATE TABLE graphs (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL,
        draft text NOT NULL,
        draft_revision integer NOT NULL,
        draft_version integer,
        latest_version integer,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL
      );

      CREATE TABLE graph_versions (
        graph_id text NOT NULL REFERENCES graphs(id) ON DELETE CASCADE,
        version integer NOT NULL,
        label text NOT NULL,
        reason text NOT NULL,
        document text NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (graph_id, version)
      );

      CREATE TABLE runs (
        id text PRIMARY KEY,
        -- Insertion order, the tie-break SQLite's rowid gives among runs created in the same millisecond.
        ord bigint GENERATED ALWAYS AS IDENTITY,
        graph_id text NOT NULL REFERENCES graphs(id) ON DELETE CASCADE,
        graph_version integer NOT NULL,
        goal text NOT NULL,
        input text,
        budget text,
        status text NOT NULL,
        created_at bigint NOT NULL,
        started_at bigint,
        ended_at bigint,
        usage text NOT NULL,
        spend text NOT NULL DEFAULT '{"simulated":null,"byModel":{}}',
        model_calls integer NOT NULL DEFAULT 0,
        event_count integer NOT NULL DEFAULT 0,
        last_hash text,
        result text,
        error text,
        pending_escalations text NOT NULL DEFAULT '[]'
      );
      CREATE INDEX runs_by_graph ON runs (graph_id, created_at DESC, ord DESC);
      CREATE INDEX runs_by_status ON runs (status);

      CREATE TABLE run_events (
        run_id text NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        seq integer NOT NULL,
        type text NOT NULL,
        body text NOT NULL,
        PRIMARY KEY (run_id, seq)
      );

      CREATE TABLE run_control (
        run_id text PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
        owner text,
        lease_until bigint,
        cancel_reason text,
        resume_requested integer NOT NULL DEFAULT 0,
        nonce text
      );

      CREATE TABLE run_decisions (
        run_id text NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        escalation_id text NOT NULL,
        resolution text NOT NULL,
        decided_at bigint NOT NULL,
        PRIMARY KEY (run_id, escalation_id)
      );
    `,
  },
  {
    version: 2,
    name: 'test cases, stored per graph',
    // SQLite's migration 4. A case is not a version: saving one changes no graph row.
    sql: `
      CREATE TABLE test_cases (
        id text PRIMARY KEY,
        graph_id text NOT NULL REFERENCES graphs(id) ON DELETE CASCADE,
        name text NOT NULL,
        document text NOT NULL,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        UNIQUE (graph_id, name)
      );
    `,
  },
  {
    version: 3,
    name: "a run's W3C trace context, given at its start",
    // SQLite's migration 5: the caller's `traceparent`, so the run's exported trace is a child of the caller's span.
    sql: 'ALTER TABLE run_control ADD COLUMN traceparent text;',
  },
];
