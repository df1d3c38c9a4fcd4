// Runs the engine's fake OpenAI-compatible server in its own process (tsx resolves the engine's imports, which
// Playwright's loader cannot): specialists answer with FAKE_SPECIALIST_REPLY, every other call as simulated.
// Prints `FAKE_BASE_URL=<url>` once listening; stops on SIGTERM. Without FAKE_SPECIALIST_REPLY, every call is simulated.

import type { ChatRequestBody } from '../../packages/engine/src/testing/chat-request';
import { requestPurpose } from '../../packages/engine/src/testing/chat-request';
import { type FakeReply, startFakeOpenAIServer } from '../../packages/engine/src/testing/fake-openai-server';

// Unset: specialists answer as simulated too. FAKE_CHUNK_DELAY_MS slows every streamed reply down.
const reply = process.env.FAKE_SPECIALIST_REPLY;
// Set: every call whose system message contains this text gets an HTTP 500 (one agent's model server is down),
// the SDK's retries included, so that agent's call fails for real while the others answer.
const failWhenSystemHas = process.env.FAKE_FAIL_WHEN_SYSTEM_HAS;
// Set: an orchestrator's planning call answers with this text (a plan the spec chose).
const plan = process.env.FAKE_PLAN;

const systemText = (body: ChatRequestBody) =>
  body.messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content ?? '')
    .join('\n');

const fake = await startFakeOpenAIServer({
  respond: (request): FakeReply | undefined => {
    if (failWhenSystemHas && systemText(request.body).includes(failWhenSystemHas)) {
      return { fault: { kind: 'status', status: 500, message: 'The model server is down.' } };
    }
    const purpose = requestPurpose(request.body).kind;
    if (plan !== undefined && purpose === 'decompose') return { text: plan };
    return reply !== undefined && purpose === 'specialist' ? { text: reply } : undefined;
  },
  chunkDelayMs: Number(process.env.FAKE_CHUNK_DELAY_MS ?? 0),
});
process.stdout.write(`FAKE_BASE_URL=${fake.baseURL}\n`);
process.on('SIGTERM', () => {
  void fake.close().then(() => process.exit(0));
});
