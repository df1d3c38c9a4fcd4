// Judges a replayed test case: divergence first (offline, a changed step fails the case there), then each
// assertion the case holds, against the replay's events and outcome. Never throws on a bad assertion schema: that
// is a failure with its reason.
import {
  type AssertionFailure,
  compileJsonSchema,
  type JsonValue,
  type RouteDiff,
  type RunEvent,
  type StepVerdict,
  type TestCase,
  type TestCaseResult,
  validateJson,
} from '@baton/contracts';
import type { RunOutcome } from '../run-options';

export interface ReplayFacts {
  testCase: TestCase;
  live: boolean;
  events: readonly RunEvent[];
  outcome: RunOutcome;
  steps: StepVerdict[];
  durationMs: number;
}

export function judgeTestCase(facts: ReplayFacts): TestCaseResult {
  const { testCase, live, events, outcome, steps } = facts;
  const { assertions } = testCase;
  const result = outcome.status === 'completed' ? outcome.result : null;
  const routes = routeDiffs(testCase, events);
  const failures: AssertionFailure[] = [];
  const diverged = steps.filter((step) => step.status === 'diverged');
  if (!live && diverged.length > 0) {
    for (const step of diverged) {
      failures.push({
        assertion: 'diverged',
        message: `${step.stepKey} (${step.agentName}) diverged: ${step.changes.map((c) => c.message).join(' ')}`,
      });
    }
  } else {
    if (assertions.status && outcome.status !== assertions.status) {
      const why = outcome.status === 'failed' ? ` (${outcome.error.message})` : '';
      failures.push({
        assertion: 'status',
        message: `The run ended ${outcome.status}${why}, not ${assertions.status}.`,
      });
    }
    failures.push(...resultFailures(assertions.result, result));
    for (const route of routes) {
      if (route.expected !== null && route.expected !== route.replayed) {
        failures.push({
          assertion: 'route',
          message: `Router ${route.router} took ${route.replayed ?? 'no route'}, not ${route.expected}.`,
        });
      }
    }
    if (assertions.noEscalation && events.some((e) => e.type === 'action.started' && e.actionType === 'escalation')) {
      failures.push({ assertion: 'no_escalation', message: 'A handoff escalated to a person.' });
    }
    failures.push(...budgetFailures(testCase, outcome, steps));
  }
  return {
    name: testCase.name,
    verdict: failures.length === 0 ? 'passed' : !live && diverged.length > 0 ? 'diverged' : 'failed',
    live,
    status: outcome.status,
    result,
    failures,
    steps,
    routes,
    modelCalls: outcome.modelCalls,
    durationMs: facts.durationMs,
  };
}

function resultFailures(assertion: TestCase['assertions']['result'], result: JsonValue | null): AssertionFailure[] {
  if (!assertion) return [];
  const failures: AssertionFailure[] = [];
  if (assertion.schema) {
    const compiled = compileJsonSchema(assertion.schema);
    if (!compiled.ok) {
      failures.push({ assertion: 'result_schema', message: `The result schema does not compile: ${compiled.message}` });
    } else {
      const issues = validateJson(compiled, result);
      if (issues.length > 0) {
        const first = issues[0]!;
        const where = first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
        failures.push({
          assertion: 'result_schema',
          message: `The result does not match the schema${where}: ${first.message}`,
        });
      }
    }
  }
  const text = typeof result === 'string' ? result : JSON.stringify(result);
  for (const wanted of assertion.contains ?? []) {
    if (!text.includes(wanted)) {
      failures.push({ assertion: 'result_contains', message: `The result does not contain "${wanted}".` });
    }
  }
  return failures;
}

/** Reused steps spend what they spent when recorded; live calls spend what the outcome counted. */
function budgetFailures(testCase: TestCase, outcome: RunOutcome, steps: StepVerdict[]): AssertionFailure[] {
  const budget = testCase.assertions.budget;
  if (!budget) return [];
  const recorded = new Map(testCase.steps.map((step) => [step.stepKey, step]));
  let calls = outcome.modelCalls;
  let tokens = outcome.usage.totalTokens;
  for (const step of steps) {
    if (step.status !== 'reused') continue;
    calls += 1;
    tokens += recorded.get(step.stepKey)?.usage?.totalTokens ?? 0;
  }
  const failures: AssertionFailure[] = [];
  if (budget.maxModelCalls !== undefined && calls > budget.maxModelCalls) {
    failures.push({ assertion: 'budget', message: `${calls} model calls, over the ${budget.maxModelCalls} allowed.` });
  }
  if (budget.maxTokens !== undefined && tokens > budget.maxTokens) {
    failures.push({ assertion: 'budget', message: `${tokens} tokens, over the ${budget.maxTokens} allowed.` });
  }
  return failures;
}

/** Each router the case asserts or the replay met: the category asserted, and the one taken. */
function routeDiffs(testCase: TestCase, events: readonly RunEvent[]): RouteDiff[] {
  const routers = new Map<string, string>();
  const taken = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'action.started' && event.actionType === 'route') routers.set(event.actionId, event.agentName);
    if (event.type === 'action.completed' && routers.has(event.actionId)) {
      const output = event.output;
      if (output && typeof output === 'object' && !Array.isArray(output) && typeof output.chosen === 'string') {
        taken.set(routers.get(event.actionId)!, output.chosen);
      }
    }
  }
  const diffs = new Map<string, RouteDiff>();
  for (const route of testCase.assertions.routes ?? []) {
    diffs.set(route.router, {
      router: route.router,
      expected: route.target,
      replayed: taken.get(route.router) ?? null,
    });
  }
  for (const [router, chosen] of taken) {
    if (!diffs.has(router)) diffs.set(router, { router, expected: null, replayed: chosen });
  }
  return [...diffs.values()];
}
