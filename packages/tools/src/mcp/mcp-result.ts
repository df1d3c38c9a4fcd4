// An MCP `tools/call` result as the engine's ToolResult: structured content as JSON, text as text, and anything
// else (images, audio, resources) as a note of its type, never its bytes.
import type { JsonValue } from '@baton/contracts';
import type { ToolContent, ToolResult } from '@baton/engine';

interface McpContent {
  type: string;
  text?: unknown;
  mimeType?: unknown;
  resource?: { text?: unknown; mimeType?: unknown; uri?: unknown };
}

export function toToolResult(reply: object): ToolResult {
  // The SDK's result type also covers the old `toolResult` shape of protocol 2024-10-07: it has no content.
  const result = reply as { content?: unknown; structuredContent?: unknown; isError?: unknown };
  const content: ToolContent[] = [];
  const parts = Array.isArray(result.content) ? (result.content as McpContent[]) : [];
  const structured = result.structuredContent;
  if (structured !== undefined && structured !== null && typeof structured === 'object') {
    // The spec asks servers to repeat structured content as text for older clients: the JSON is what counts.
    content.push({ type: 'json', value: structured as JsonValue });
  }
  for (const part of parts) {
    if (part.type === 'text' && typeof part.text === 'string') {
      if (structured === undefined) content.push({ type: 'text', text: part.text });
    } else if (part.type === 'resource' && typeof part.resource?.text === 'string') {
      content.push({ type: 'text', text: part.resource.text });
    } else {
      const mime =
        typeof part.mimeType === 'string'
          ? part.mimeType
          : typeof part.resource?.mimeType === 'string'
            ? part.resource.mimeType
            : null;
      content.push({ type: 'other', mimeType: mime ?? `an MCP ${String(part.type).slice(0, 40)}` });
    }
  }
  return { content, isError: result.isError === true };
}
