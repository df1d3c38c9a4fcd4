// Replays a stored test case against a graph with the engine's replayTestCase: offline unless asked, and with the
// server's provider only for the steps that diverged, events scrubbed of the server's secrets like a run's.
import type { GraphDocument, TestCase, TestCaseResult } from '@baton/contracts';
import { type ModelProvider, replayTestCase } from '@baton/engine';
import { createScrubber } from '../secrets';

export interface TestCaseRunner {
  replay(testCase: TestCase, graph: GraphDocument, options: { live: boolean }): Promise<TestCaseResult>;
}

export function createTestCaseRunner(deps: { provider: ModelProvider; secrets: readonly string[] }): TestCaseRunner {
  const scrubber = createScrubber(deps.secrets);
  return {
    async replay(testCase, graph, { live }) {
      const { result } = await replayTestCase({ testCase, graph, provider: deps.provider, live, scrubber });
      return result;
    },
  };
}
