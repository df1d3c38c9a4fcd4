// A page's own chunk, loaded once, shown as soon as it is in: the loading screen until then, with no Suspense
// boundary in between. React reveals content that suspended no sooner than 300 ms after its fallback appeared (its
// throttle against flicker), so with `lazy` every first screen waited for that, whenever its chunk had arrived: an
// editor whose script was in at 400 ms fetched its graph at 750 ms. Here a chunk that arrives re-renders the page at
// once, and one that is already in renders with the first render.
import { type ComponentType, type ReactNode, useEffect, useState } from 'react';

export interface PageChunk<P> {
  /** Starts the load (once); every later call shares it. */
  load(): Promise<void>;
  /** The page once its chunk is in, undefined before; throws if the chunk failed to load, as `lazy` does. */
  loaded(): ComponentType<P> | undefined;
}

export function pageChunk<P extends object>(load: () => Promise<ComponentType<P>>): PageChunk<P> {
  let page: ComponentType<P> | undefined;
  let failure: { error: unknown } | undefined;
  let promise: Promise<void> | undefined;
  return {
    load() {
      promise ??= load().then(
        (loaded) => {
          page = loaded;
        },
        (error: unknown) => {
          failure = { error };
        },
      );
      return promise;
    },
    loaded() {
      if (failure) throw failure.error;
      return page;
    },
  };
}

/** The chunk's page with `props`, or `loading` until its chunk is in. */
export function ChunkPage<P extends object>({
  chunk,
  props,
  loading,
}: {
  chunk: PageChunk<P>;
  props: P;
  loading: ReactNode;
}) {
  const [, rerender] = useState(0);
  const Page = chunk.loaded();
  const waiting = Page === undefined;
  useEffect(() => {
    if (!waiting) return;
    let live = true;
    void chunk.load().then(() => {
      if (live) rerender((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, [chunk, waiting]);
  return Page ? <Page {...props} /> : loading;
}
