// How the simulated model uses tools: on a request with tools and no results yet, it calls each tool that has no
// side effects once, with arguments sampled from its input schema (deterministic); once results are back, it
// answers with them. It never makes up arguments for a tool that may have side effects.
import type { ChatMessage, ToolCall, ToolDefinition } from './provider';
import { messageText } from './provider';
import { sampleFromSchema } from './schema-sample';

/** The calls the simulated model makes for this request: none once any tool result is in the messages. */
export function simulatedToolCalls(tools: readonly ToolDefinition[] | undefined, messages: readonly ChatMessage[]) {
  if (!tools?.length || messages.some((message) => message.role === 'tool')) return [];
  return tools
    .filter((tool) => tool.sideEffects !== true)
    .map(
      (tool, i): ToolCall => ({
        id: `sim_call_${i + 1}`,
        name: tool.name,
        arguments: JSON.stringify(
          sampleFromSchema(tool.inputSchema, { confidence: 0.9, text: (field) => `${field} (simulated)` }),
        ),
      }),
    );
}

/** The tool results of the messages, as plain text (decoded out of their wrappers), for the simulated answer. */
export function simulatedToolResults(messages: readonly ChatMessage[]): string[] {
  return messages
    .filter((message) => message.role === 'tool')
    .map((message) => {
      const text = messageText(message);
      const body = /^<agent_data_[A-Za-z0-9_-]+ [^>]*>\n([\s\S]*)\n<\/agent_data_/.exec(text)?.[1] ?? '';
      return body.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').slice(0, 200);
    });
}
