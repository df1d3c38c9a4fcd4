// The app shell: the sign-in gate around whichever page the route names.
import { assertNever } from '@baton/contracts';
import { fetchOpeningGraph } from '../api/graphs';
import { AppHeader } from './AppHeader';
import { ChunkPage, pageChunk } from './page-chunk';
import { graphsPath, navigate, parseRoute, useRoute } from './router';
import { SignInGate } from './SignInGate';
import './app.css';

// Each page is its own chunk: the graph list does not load the editor, nor the editor the list.
const graphsPage = pageChunk(() => import('../graphs/GraphsPage').then((module) => module.GraphsPage));
const editorPage = pageChunk(() => import('../pages/EditorPage').then((module) => module.EditorPage));

// The page the address names starts loading now, beside React's first render, rather than after it; so does the
// graph an editor opens.
const firstRoute = parseRoute(window.location.pathname);
if (firstRoute.name === 'graphs') void graphsPage.load();
else if (firstRoute.name === 'editor') {
  void editorPage.load();
  fetchOpeningGraph(firstRoute.graphId);
}

export function App() {
  const route = useRoute();
  return <SignInGate>{renderRoute(route)}</SignInGate>;
}

function renderRoute(route: ReturnType<typeof useRoute>) {
  switch (route.name) {
    case 'graphs':
      return <ChunkPage chunk={graphsPage} props={{}} loading={<PageLoading />} />;
    case 'editor':
      // Keyed by graph so that opening another graph starts from a clean store.
      return (
        <ChunkPage
          key={route.graphId}
          chunk={editorPage}
          props={{ graphId: route.graphId, ...(route.runId !== undefined ? { runId: route.runId } : {}) }}
          loading={<PageLoading />}
        />
      );
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
