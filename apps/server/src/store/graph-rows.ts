// A graph's rows as both stores keep them (the same columns, documents as JSON text) and what they read as.
import type {
  GraphDocument,
  GraphRecord,
  GraphSummary,
  GraphVersionRecord,
  GraphVersionSummary,
  RunStatus,
} from '@baton/contracts';

export interface GraphRow {
  id: string;
  name: string;
  description: string;
  draft: string;
  draft_revision: number;
  draft_version: number | null;
  latest_version: number | null;
  created_at: number;
  updated_at: number;
}

export interface VersionRow {
  graph_id: string;
  version: number;
  label: string;
  reason: string;
  document: string;
  created_at: number;
}

export interface SummaryRow extends Omit<GraphRow, 'draft' | 'draft_version'> {
  run_id: string | null;
  run_status: string | null;
  run_created_at: number | null;
}

export function toRecord(row: GraphRow): GraphRecord {
  return {
    id: row.id,
    draft: JSON.parse(row.draft) as GraphDocument,
    draftRevision: row.draft_revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    latestVersion: row.latest_version,
  };
}

export function toSummary(row: SummaryRow): GraphSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    draftRevision: row.draft_revision,
    latestVersion: row.latest_version,
    lastRun:
      row.run_id === null
        ? null
        : { id: row.run_id, status: row.run_status as RunStatus, createdAt: row.run_created_at ?? 0 },
  };
}

export function toVersionRecord(row: VersionRow): GraphVersionRecord {
  return {
    graphId: row.graph_id,
    version: row.version,
    label: row.label,
    reason: row.reason as GraphVersionSummary['reason'],
    createdAt: row.created_at,
    document: JSON.parse(row.document) as GraphDocument,
  };
}
