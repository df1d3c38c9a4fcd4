// Replays a stored test case against a graph with the engine's replayTestCase: offline unless asked, and with the
// server's provider only for the steps that diverged, events scrubbed of the server's secrets like a run's.
import type { GraphDocument, TestCase, TestCaseResult } from '@baton/contracts';
import { type ModelProvider, replayTestCase, type ToolSource } from '@baton/engine';
import { createScrubber } from '../secrets';

export interface TestCaseRunner {
  replay(testCase: TestCase, graph: GraphDocument, options: { live: boolean }): Promise<TestCaseResult>;
}

export interface TestCaseRunnerDeps {
  provider: ModelProvider;
  /** The server's tool sources: a live replay calls them for the tool steps that diverged. */
  tools: readonly ToolSource[];
  secrets: readonly string[];
}

export function createTestCaseRunner(deps: TestCaseRunnerDeps): TestCaseRunner {
  const scrubber = createScrubber(deps.secrets);
  return {
    async replay(testCase, graph, { live }) {
      const { result } = await replayTestCase({
        testCase,
        graph,
        provider: deps.provider,
        tools: deps.tools,
        live,
        scrubber,
      });
      return result;
    },
  };
}
