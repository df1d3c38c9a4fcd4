// The one way in to schema-checks.ts: a dynamic import, so that its chunk (Ajv, the graph rules) loads only when a
// check first runs, after the first screen; every caller shares the one load.
export type SchemaChecks = typeof import('./schema-checks');

let loading: Promise<SchemaChecks> | undefined;
let loaded: SchemaChecks | undefined;

export function loadSchemaChecks(): Promise<SchemaChecks> {
  loading ??= import('./schema-checks').then(
    (checks) => {
      loaded = checks;
      return checks;
    },
    (error: unknown) => {
      // A failed load (a deploy replaced the chunk, the network dropped) is not kept: the next check asks again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The checks if they are in already, for a caller that would rather check at once than a moment later. */
export function loadedSchemaChecks(): SchemaChecks | undefined {
  return loaded;
}
