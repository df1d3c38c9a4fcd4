// The app shell: the sign-in gate around whichever page the route names.
import { assertNever } from '@baton/contracts';
import { lazy, Suspense } from 'react';
import { AppHeader } from './AppHeader';
import { graphsPath, navigate, useRoute } from './router';
import { SignInGate } from './SignInGate';
import './app.css';

// Each page is its own chunk: the graph list does not load the editor, nor the editor the list.
const GraphsPage = lazy(() => import('../graphs/GraphsPage').then((module) => ({ default: module.GraphsPage })));
const EditorPage = lazy(() => import('../pages/EditorPage').then((module) => ({ default: module.EditorPage })));

export function App() {
  const route = useRoute();
  return (
    <SignInGate>
      <Suspense fallback={<PageLoading />}>{renderRoute(route)}</Suspense>
    </SignInGate>
  );
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

function PageLoading() {
  return (
    <div className="page">
      <AppHeader />
      <div className="loading-screen">
        <span className="spinner" /> Loading…
      </div>
    </div>
  );
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
