// Where an agent's tools come from: the engine's built-ins, later MCP servers. No HTTP framework, no database, so
// that the server, the workers and the command line can all hand the engine the same sources.
import type { JsonSchemaObject, JsonValue } from '@baton/contracts';

/** A tool as its source describes it. `name` is what the graph names it by, and what the model sees. */
export interface ToolDescriptor {
  name: string;
  description: string;
  /** JSON Schema of the arguments; they are validated against it before the tool runs. */
  inputSchema: JsonSchemaObject;
  /**
   * True when a call may change something outside the run (send, write, buy). The simulated provider never
   * makes up arguments for such a tool; the approval issue asks a person first. Built-ins that only compute: false.
   */
  sideEffects: boolean;
}

/** One piece of a tool's result, as MCP shapes them: text, structured JSON, or something else (an image...). */
export type ToolContent =
  | { type: 'text'; text: string }
  | { type: 'json'; value: JsonValue }
  /** Non-text content: the model gets a one-line note that it was there, never the bytes. */
  | { type: 'other'; mimeType: string };

export interface ToolResult {
  content: ToolContent[];
  /** The tool ran and reports a failure (the model sees it as an error result and may try again). */
  isError?: boolean;
}

export interface ToolCallOptions {
  /** Aborted on cancel, on the run's end, and when the call's time limit passes. Sources must stop work on it. */
  signal: AbortSignal;
  /** The `tool_call` action this call is: a host derives the call's trace context from it. */
  actionId?: string;
  /** Extra HTTP headers a source that speaks HTTP sends with the call (the host's W3C `traceparent`). */
  headers?: Record<string, string>;
}

export interface ToolSource {
  /** The configured name graphs use (`builtin`, an MCP server's name). */
  readonly name: string;
  /** The source's tools. */
  list(): Promise<readonly ToolDescriptor[]>;
  /** Runs one tool with arguments already validated against its input schema. Throws on failure. */
  call(tool: string, args: JsonValue, options: ToolCallOptions): Promise<ToolResult>;
}
