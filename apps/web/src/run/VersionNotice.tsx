// When the canvas shows a graph other than the version a run ran, say so, and offer to open that version.
import type { GraphVersionRecord } from '@baton/contracts';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { graphApi, graphKeys } from '../api/graphs';
import { useDocument, useDocumentStore } from '../editor/document-context';
import { sameRunShape } from './version-match';

export function VersionNotice({ graphId, version }: { graphId: string; version: number }) {
  const ran = useQuery<GraphVersionRecord>({
    queryKey: graphKeys.version(graphId, version),
    queryFn: () => graphApi.version(graphId, version),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const document = useDocument((state) => state.document);
  const store = useDocumentStore();
  const differs = useMemo(
    () => ran.data !== undefined && !sameRunShape(ran.data.document, document),
    [ran.data, document],
  );
  if (!differs || !ran.data) return null;
  const versionDocument = ran.data.document;
  return (
    <div className="run-version-notice" role="status" data-testid="run-version-notice">
      This run ran version {version}; the canvas shows a different draft, so some nodes may not show its states.
      <button
        type="button"
        className="btn btn-sm"
        data-testid="run-open-version"
        title="Replaces the draft with that version (Undo brings the draft back)"
        onClick={() => store.getState().replaceDocument({ ...versionDocument, id: document.id })}
      >
        Show version {version}
      </button>
    </div>
  );
}
