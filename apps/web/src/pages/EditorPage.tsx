// The editor route: loads a graph's draft and mounts the canvas with its toolbar, autosave and run panel.
import { AppHeader } from '../app/AppHeader';

export interface EditorPageProps {
  graphId: string;
  runId?: string;
}

export function EditorPage(_props: EditorPageProps) {
  return (
    <div className="page">
      <AppHeader />
    </div>
  );
}
