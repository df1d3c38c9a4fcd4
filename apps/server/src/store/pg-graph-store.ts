// GraphStore on PostgreSQL: the same rows as SQLite's. Every change of a graph first locks its row (SELECT ... FOR
// UPDATE), so a draft update, a saved version and the version of a changed draft are serialised across processes.
import type { GraphDocument, GraphRecord, GraphVersionSummary } from '@baton/contracts';
import { type PgClient, type PgDb, transaction } from '../db/pg-database';
import { ConflictError, NotFoundError } from '../errors';
import { type GraphRow, type SummaryRow, toRecord, toSummary, toVersionRecord, type VersionRow } from './graph-rows';
import type { GraphStore } from './types';

type Query = Pick<PgClient, 'query'>;

export function createPgGraphStore({ pool }: PgDb, now: () => number = Date.now): GraphStore {
  const lockGraph = async (client: Query, id: string): Promise<GraphRow> => {
    const { rows } = await client.query<GraphRow>('SELECT * FROM graphs WHERE id = $1 FOR UPDATE', [id]);
    if (!rows[0]) throw new NotFoundError(`The graph "${id}"`, 'graph_not_found');
    return rows[0];
  };
  const selectVersion = async (client: Query, id: string, version: number) =>
    (await client.query<VersionRow>('SELECT * FROM graph_versions WHERE graph_id = $1 AND version = $2', [id, version]))
      .rows[0];

  const setDraft = async (
    client: Query,
    row: GraphRow,
    document: GraphDocument,
    draftVersion: number | null,
  ): Promise<GraphRecord> => {
    const doc = { ...document, id: row.id };
    const { rows } = await client.query<GraphRow>(
      `UPDATE graphs SET draft = $1, name = $2, description = $3, draft_revision = draft_revision + 1,
         draft_version = $4, updated_at = $5 WHERE id = $6 RETURNING *`,
      [JSON.stringify(doc), doc.name, doc.description, draftVersion, now(), row.id],
    );
    return toRecord(rows[0]!);
  };

  const addVersion = async (client: Query, row: GraphRow, label: string, reason: GraphVersionSummary['reason']) => {
    const version = (row.latest_version ?? 0) + 1;
    const { rows } = await client.query<VersionRow>(
      `INSERT INTO graph_versions (graph_id, version, label, reason, document, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [row.id, version, label || `Version ${version}`, reason, row.draft, now()],
    );
    await client.query('UPDATE graphs SET latest_version = $1, draft_version = $1 WHERE id = $2', [version, row.id]);
    return toVersionRecord(rows[0]!);
  };

  return {
    async listGraphs() {
      const { rows } = await pool.query<SummaryRow>(
        `SELECT g.id, g.name, g.description, g.draft_revision, g.latest_version, g.created_at, g.updated_at,
           r.id AS run_id, r.status AS run_status, r.created_at AS run_created_at
         FROM graphs g
         LEFT JOIN LATERAL (
           SELECT id, status, created_at FROM runs WHERE graph_id = g.id ORDER BY created_at DESC, ord DESC LIMIT 1
         ) r ON true
         ORDER BY g.updated_at DESC, g.id`,
      );
      return rows.map(toSummary);
    },
    async getGraph(id) {
      const { rows } = await pool.query<GraphRow>('SELECT * FROM graphs WHERE id = $1', [id]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async createGraph(id, document) {
      const doc = { ...document, id };
      const at = now();
      const { rows } = await pool.query<GraphRow>(
        `INSERT INTO graphs (id, name, description, draft, draft_revision, draft_version, latest_version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 0, NULL, NULL, $5, $5) RETURNING *`,
        [id, doc.name, doc.description, JSON.stringify(doc), at],
      );
      return toRecord(rows[0]!);
    },
    async updateDraft(id, document, baseRevision) {
      return transaction(pool, async (client) => {
        const row = await lockGraph(client, id);
        if (row.draft_revision !== baseRevision) {
          throw new ConflictError(
            'stale_draft',
            `The draft changed since revision ${baseRevision} (it is at ${row.draft_revision} now): reload it, then edit again.`,
          );
        }
        return setDraft(client, row, document, null);
      });
    },
    async rename(id, name, description) {
      return transaction(pool, async (client) => {
        const row = await lockGraph(client, id);
        const draft = JSON.parse(row.draft) as GraphDocument;
        return setDraft(client, row, { ...draft, name, description: description ?? draft.description }, null);
      });
    },
    async deleteGraph(id) {
      return ((await pool.query('DELETE FROM graphs WHERE id = $1', [id])).rowCount ?? 0) > 0;
    },
    async saveVersion(id, label, reason) {
      const { document: _document, ...summary } = await transaction(pool, async (client) =>
        addVersion(client, await lockGraph(client, id), label, reason),
      );
      return summary;
    },
    async listVersions(id) {
      const { rows: graph } = await pool.query('SELECT 1 FROM graphs WHERE id = $1', [id]);
      if (graph.length === 0) throw new NotFoundError(`The graph "${id}"`, 'graph_not_found');
      const { rows } = await pool.query<VersionRow>(
        'SELECT * FROM graph_versions WHERE graph_id = $1 ORDER BY version DESC',
        [id],
      );
      return rows.map((row) => {
        const { document: _document, ...summary } = toVersionRecord(row);
        return summary;
      });
    },
    async getVersion(id, version) {
      const row = await selectVersion(pool, id, version);
      return row ? toVersionRecord(row) : null;
    },
    async restoreVersion(id, version) {
      return transaction(pool, async (client) => {
        const row = await lockGraph(client, id);
        const versionRow = await selectVersion(client, id, version);
        if (!versionRow) throw new NotFoundError(`Version ${version} of the graph "${id}"`, 'version_not_found');
        return setDraft(client, row, JSON.parse(versionRow.document) as GraphDocument, version);
      });
    },
    async versionOfDraft(id) {
      // The row lock makes a second process wait here, then find the version the first one made.
      return transaction(pool, async (client) => {
        const row = await lockGraph(client, id);
        if (row.draft_version !== null) {
          const existing = await selectVersion(client, id, row.draft_version);
          if (existing) return toVersionRecord(existing);
        }
        return addVersion(client, row, '', 'run');
      });
    },
    async getMeta(key) {
      const { rows } = await pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
      return rows[0]?.value ?? null;
    },
    async setMeta(key, value) {
      await pool.query(
        'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      );
    },
  };
}
