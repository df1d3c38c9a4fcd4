// Runs the engine's fake OpenAI-compatible server in its own process (tsx resolves the engine's imports, which
// Playwright's loader cannot): specialists answer with FAKE_SPECIALIST_REPLY, every other call as simulated.
// Prints `FAKE_BASE_URL=<url>` once listening; stops on SIGTERM. Without FAKE_SPECIALIST_REPLY, every call is simulated.

import { requestPurpose } from '../../packages/engine/src/testing/chat-request';
import { startFakeOpenAIServer } from '../../packages/engine/src/testing/fake-openai-server';

// Unset: specialists answer as simulated too. FAKE_CHUNK_DELAY_MS slows every streamed reply down.
const reply = process.env.FAKE_SPECIALIST_REPLY;
const fake = await startFakeOpenAIServer({
  respond: (request) =>
    reply !== undefined && requestPurpose(request.body).kind === 'specialist' ? { text: reply } : undefined,
  chunkDelayMs: Number(process.env.FAKE_CHUNK_DELAY_MS ?? 0),
});
process.stdout.write(`FAKE_BASE_URL=${fake.baseURL}\n`);
process.on('SIGTERM', () => {
  void fake.close().then(() => process.exit(0));
});
