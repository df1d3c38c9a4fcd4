// GraphStore on SQLite: a graph's draft lives in its row; versions are immutable rows beside it.
import type { GraphDocument, GraphRecord, GraphVersionSummary } from '@baton/contracts';
import type { Db } from '../db/database';
import { ConflictError, NotFoundError } from '../errors';
import { type GraphRow, type SummaryRow, toRecord, toSummary, toVersionRecord, type VersionRow } from './graph-rows';
import type { GraphStore } from './types';

export function createSqliteGraphStore(db: Db, now: () => number = Date.now): GraphStore {
  const selectGraph = db.prepare<[string], GraphRow>('SELECT * FROM graphs WHERE id = ?');
  const selectVersion = db.prepare<[string, number], VersionRow>(
    'SELECT * FROM graph_versions WHERE graph_id = ? AND version = ?',
  );
  const insertVersion = db.prepare(
    'INSERT INTO graph_versions (graph_id, version, label, reason, document, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const writeDraft = db.prepare(
    `UPDATE graphs SET draft = ?, name = ?, description = ?, draft_revision = draft_revision + 1,
       draft_version = ?, updated_at = ? WHERE id = ?`,
  );

  const requireGraph = (id: string): GraphRow => {
    const row = selectGraph.get(id);
    if (!row) throw new NotFoundError(`The graph "${id}"`, 'graph_not_found');
    return row;
  };

  const setDraft = (row: GraphRow, document: GraphDocument, draftVersion: number | null): GraphRecord => {
    const doc = { ...document, id: row.id };
    writeDraft.run(JSON.stringify(doc), doc.name, doc.description, draftVersion, now(), row.id);
    return toRecord(requireGraph(row.id));
  };

  const addVersion = db.transaction((id: string, label: string, reason: GraphVersionSummary['reason']) => {
    const row = requireGraph(id);
    const version = (row.latest_version ?? 0) + 1;
    const at = now();
    insertVersion.run(id, version, label || `Version ${version}`, reason, row.draft, at);
    db.prepare('UPDATE graphs SET latest_version = ?, draft_version = ? WHERE id = ?').run(version, version, id);
    return toVersionRecord(selectVersion.get(id, version)!);
  });

  return {
    async listGraphs() {
      const rows = db
        .prepare<[], SummaryRow>(
          `SELECT g.id, g.name, g.description, g.draft_revision, g.latest_version, g.created_at, g.updated_at,
             r.id AS run_id, r.status AS run_status, r.created_at AS run_created_at
           FROM graphs g
           LEFT JOIN runs r ON r.id = (
             SELECT id FROM runs WHERE graph_id = g.id ORDER BY created_at DESC, rowid DESC LIMIT 1)
           ORDER BY g.updated_at DESC, g.id`,
        )
        .all();
      return rows.map(toSummary);
    },
    async getGraph(id) {
      const row = selectGraph.get(id);
      return row ? toRecord(row) : null;
    },
    async createGraph(id, document) {
      const doc = { ...document, id };
      const at = now();
      db.prepare(
        `INSERT INTO graphs (id, name, description, draft, draft_revision, draft_version, latest_version, created_at, updated_at)
         VALUES (?, ?, ?, ?, 0, NULL, NULL, ?, ?)`,
      ).run(id, doc.name, doc.description, JSON.stringify(doc), at, at);
      return toRecord(requireGraph(id));
    },
    async updateDraft(id, document, baseRevision) {
      return db.transaction(() => {
        const row = requireGraph(id);
        if (row.draft_revision !== baseRevision) {
          throw new ConflictError(
            'stale_draft',
            `The draft changed since revision ${baseRevision} (it is at ${row.draft_revision} now): reload it, then edit again.`,
          );
        }
        return setDraft(row, document, null);
      })();
    },
    async rename(id, name, description) {
      return db.transaction(() => {
        const row = requireGraph(id);
        const draft = JSON.parse(row.draft) as GraphDocument;
        return setDraft(row, { ...draft, name, description: description ?? draft.description }, null);
      })();
    },
    async deleteGraph(id) {
      return db.prepare('DELETE FROM graphs WHERE id = ?').run(id).changes > 0;
    },
    async saveVersion(id, label, reason) {
      const { document: _document, ...summary } = addVersion(id, label, reason);
      return summary;
    },
    async listVersions(id) {
      requireGraph(id);
      return db
        .prepare<[string], VersionRow>('SELECT * FROM graph_versions WHERE graph_id = ? ORDER BY version DESC')
        .all(id)
        .map((row) => {
          const { document: _document, ...summary } = toVersionRecord(row);
          return summary;
        });
    },
    async getVersion(id, version) {
      const row = selectVersion.get(id, version);
      return row ? toVersionRecord(row) : null;
    },
    async restoreVersion(id, version) {
      return db.transaction(() => {
        const row = requireGraph(id);
        const versionRow = selectVersion.get(id, version);
        if (!versionRow) throw new NotFoundError(`Version ${version} of the graph "${id}"`, 'version_not_found');
        return setDraft(row, JSON.parse(versionRow.document) as GraphDocument, version);
      })();
    },
    async versionOfDraft(id) {
      return db.transaction(() => {
        const row = requireGraph(id);
        if (row.draft_version !== null) {
          const existing = selectVersion.get(id, row.draft_version);
          if (existing) return toVersionRecord(existing);
        }
        return addVersion(id, '', 'run');
      })();
    },
    async getMeta(key) {
      const row = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(key);
      return row?.value ?? null;
    },
    async setMeta(key, value) {
      db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ).run(key, value);
    },
  };
}
