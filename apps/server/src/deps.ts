// Everything the Hono app is built from, injected so that tests build it with no port and no process state.
import type { ProviderInfo } from '@baton/contracts';
import type { IdSource } from './ids';
import type { Logger } from './logger';
import type { RunService } from './runs/run-service';
import type { GraphStore, RunNotifier, RunStore } from './store/types';

export interface AppDeps {
  graphs: GraphStore;
  runs: RunStore;
  notifier: RunNotifier;
  runService: RunService;
  provider: ProviderInfo;
  logger: Logger;
  newId: IdSource;
  /** BATON_TOKEN, or null when the API is open (loopback only). */
  token: string | null;
  /** Host names the Host header may carry; null accepts any (bound beyond loopback, protected by the token). */
  allowedHostnames: ReadonlySet<string> | null;
  /** Strings never to send in a response: provider keys and the token. */
  secrets: readonly string[];
  /** The built web app, or null to serve only the API. */
  webDir: string | null;
  version: string;
  /** SSE heartbeat interval. */
  heartbeatMs?: number;
}
