// A test tool source whose calls are counted outside the server: each call is a real HTTP request to a counter in
// the test process, so a server killed with SIGKILL and started again is counted as one, and a call can be held
// open (the slow tool a process dies during). `send` may have side effects; `look` only reads.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JsonValue } from '@baton/contracts';
import type { ToolSource } from '@baton/engine';

export const COUNTING_SOURCE = 'office';

export interface CountedCall {
  tool: string;
  args: JsonValue;
}

export interface ToolCounter {
  url: string;
  /** Every call that reached the counter, in arrival order (held ones included). */
  calls: CountedCall[];
  /** Holds the next call of `tool` unanswered (the process is killed during it); resolves when it arrives. */
  holdNext(tool: string): Promise<void>;
  close(): Promise<void>;
}

export async function startToolCounter(): Promise<ToolCounter> {
  const calls: CountedCall[] = [];
  const holds = new Map<string, () => void>();
  const held: http.ServerResponse[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const call = JSON.parse(body) as CountedCall;
      calls.push(call);
      const arrived = holds.get(call.tool);
      if (arrived) {
        holds.delete(call.tool);
        held.push(response);
        arrived();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ text: `${call.tool} done for ${JSON.stringify(call.args)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    holdNext: (tool) => new Promise<void>((resolve) => holds.set(tool, resolve)),
    close: async () => {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The source the server gets: each call a POST to the counter, its answer the tool's text result. */
export function countingToolSource(counterUrl: string): ToolSource {
  return {
    name: COUNTING_SOURCE,
    list: async () => [
      {
        name: 'send',
        description: 'Sends a note to a person.',
        inputSchema: {
          type: 'object',
          properties: { to: { type: 'string', minLength: 1 } },
          required: ['to'],
          additionalProperties: false,
        },
        sideEffects: true,
      },
      { name: 'look', description: 'Looks a name up.', inputSchema: { type: 'object' }, sideEffects: false },
    ],
    async call(tool, args, { signal }) {
      const response = await fetch(`${counterUrl}/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tool, args }),
        signal,
      });
      const { text } = (await response.json()) as { text: string };
      return { content: [{ type: 'text', text }] };
    },
  };
}
