// Importing graph files (picked or dropped): read, upload to /api/graphs/import, open the new graph or show why not.
import { useCallback, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { useImportGraph } from '../api/graphs';
import { graphPath, navigate } from '../app/router';
import { readGraphFile } from './files';
import { type ImportProblems, ImportProblemsDialog } from './ImportProblemsDialog';

export function useGraphImport() {
  const mutation = useImportGraph();
  const [problems, setProblems] = useState<ImportProblems | null>(null);

  const importFile = useCallback(
    async (file: File) => {
      const read = await readGraphFile(file);
      if (!read.ok) {
        setProblems({ fileName: file.name, message: read.message, issues: read.issues });
        return;
      }
      try {
        const record = await mutation.mutateAsync(read.document);
        navigate(graphPath(record.id));
      } catch (error) {
        const message = errorMessage(error);
        const issues = error instanceof ApiError && error.issues.length > 0 ? error.issues : [{ path: '$', message }];
        setProblems({ fileName: file.name, message, issues });
      }
    },
    [mutation.mutateAsync],
  );

  const dialog = <ImportProblemsDialog problems={problems} onClose={() => setProblems(null)} />;
  return { importFile, importing: mutation.isPending, dialog };
}
