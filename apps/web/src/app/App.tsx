// The app shell: the sign-in gate around whichever page the route names.
import { assertNever } from '@baton/contracts';
import { lazy, Suspense } from 'react';
import { AppHeader } from './AppHeader';
import { graphsPath, navigate, parseRoute, useRoute } from './router';
import { SignInGate } from './SignInGate';
import './app.css';

// Each page is its own chunk: the graph list does not load the editor, nor the editor the list.
const loadGraphsPage = () => import('../graphs/GraphsPage');
const loadEditorPage = () => import('../pages/EditorPage');
const GraphsPage = lazy(() => loadGraphsPage().then((module) => ({ default: module.GraphsPage })));
const EditorPage = lazy(() => loadEditorPage().then((module) => ({ default: module.EditorPage })));

// The page the address names starts loading now, beside React's first render and the sign-in check, rather than
// after them (the browser keeps one copy of a module, so the lazy page gets this same load).
const firstRoute = parseRoute(window.location.pathname).name;
if (firstRoute === 'graphs') void loadGraphsPage();
else if (firstRoute === 'editor') void loadEditorPage();

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
