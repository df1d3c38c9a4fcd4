// The `builtin` source as the server, the workers and the command line offer it: the engine's own built-ins
// (the calculator) and, when the configuration allows hosts, `http_fetch`.
import type { JsonValue } from '@baton/contracts';
import {
  BUILTIN_SOURCE,
  createBuiltinToolSource,
  type ToolCallOptions,
  type ToolResult,
  type ToolSource,
} from '@baton/engine';
import type { HttpFetchConfig } from './config/tools-config';
import { HTTP_FETCH_NAME, type HttpFetchDeps, httpFetchDescriptor, runHttpFetch } from './http-fetch/http-fetch';

export function createBuiltinTools(httpFetch: HttpFetchConfig | null, deps: HttpFetchDeps = {}): ToolSource {
  const engine = createBuiltinToolSource();
  if (!httpFetch) return engine;
  const fetchTool = httpFetchDescriptor(httpFetch);
  return {
    name: BUILTIN_SOURCE,
    list: async () => [...(await engine.list()), fetchTool],
    call(tool: string, args: JsonValue, options: ToolCallOptions): Promise<ToolResult> {
      if (tool === HTTP_FETCH_NAME) return runHttpFetch(httpFetch, args, options, deps);
      return engine.call(tool, args, options);
    },
  };
}
