// A module loaded on demand and shared by its callers: its chunk is fetched at the first `load()` (or the first
// component that wants it), and handed out synchronously once in, so a check can run at once from then on. What is
// needed only after the first screen (Ajv, which compiles JSON Schemas) stays out of that screen's script this way.
// Pages have their own loader (app/page-chunk.tsx), which keeps a failure to show it; here a failure is not kept.
import { useEffect, useState } from 'react';

export interface LazyModule<M> {
  /** Starts the load (once); every later call shares it. */
  load(): Promise<M>;
  /** The module once it is in, undefined before. */
  loaded(): M | undefined;
}

export function lazyModule<M>(importModule: () => Promise<M>): LazyModule<M> {
  let loading: Promise<M> | undefined;
  let module: M | undefined;
  return {
    load() {
      loading ??= importModule().then(
        (loaded) => {
          module = loaded;
          return loaded;
        },
        (error: unknown) => {
          // A deploy replaced the chunk, or the network dropped: the next load asks again.
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    loaded: () => module,
  };
}

/**
 * The module for a component: at once when it is in, else undefined and a re-render once it arrives. Nothing is
 * loaded while `wanted` is false. A failed load leaves it undefined (the caller's fallback stays).
 */
export function useLazyModule<M>(module: LazyModule<M>, wanted = true): M | undefined {
  const [loaded, setLoaded] = useState(module.loaded);
  useEffect(() => {
    if (loaded || !wanted) return;
    let live = true;
    module.load().then(
      (arrived) => {
        if (live) setLoaded(() => arrived);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [module, loaded, wanted]);
  return loaded;
}
