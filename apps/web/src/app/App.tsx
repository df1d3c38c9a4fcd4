// The app shell: the sign-in gate around whichever page the route names.
import { assertNever } from '@baton/contracts';
import { GraphsPage } from '../graphs/GraphsPage';
import { EditorPage } from '../pages/EditorPage';
import { AppHeader } from './AppHeader';
import { graphsPath, navigate, useRoute } from './router';
import { SignInGate } from './SignInGate';
import './app.css';

export function App() {
  const route = useRoute();
  return <SignInGate>{renderRoute(route)}</SignInGate>;
}

function renderRoute(route: ReturnType<typeof useRoute>) {
  switch (route.name) {
    case 'graphs':
      return <GraphsPage />;
    case 'editor':
      // Keyed by graph so that opening another graph starts from a clean store.
      return <EditorPage key={route.graphId} graphId={route.graphId} runId={route.runId} />;
    case 'not-found':
      return <NotFound path={route.path} />;
    default:
      return assertNever(route);
  }
}

function NotFound({ path }: { path: string }) {
  return (
    <div className="page">
      <AppHeader />
      <main className="empty-state">
        <h1 className="empty-title">Nothing here</h1>
        <p className="muted">
          There is no page at <code>{path}</code>.
        </p>
        <button type="button" className="btn btn-primary" onClick={() => navigate(graphsPath())}>
          Go to your graphs
        </button>
      </main>
    </div>
  );
}
