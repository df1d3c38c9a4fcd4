// Runs the engine's fake OpenAI-compatible server in its own process (tsx resolves the engine's imports, which
// Playwright's loader cannot): specialists answer with FAKE_SPECIALIST_REPLY, every other call as simulated.
// Prints `FAKE_BASE_URL=<url>` once listening; stops on SIGTERM.
import { startFakeOpenAIServer } from '../../packages/engine/src/testing/fake-openai-server';
import { inferPurpose } from '../../packages/engine/src/testing/infer-purpose';

const reply = process.env.FAKE_SPECIALIST_REPLY ?? '';
const fake = await startFakeOpenAIServer({
  respond: (request) => (inferPurpose(request.body).kind === 'specialist' ? { text: reply } : undefined),
});
process.stdout.write(`FAKE_BASE_URL=${fake.baseURL}\n`);
process.on('SIGTERM', () => {
  void fake.close().then(() => process.exit(0));
});
