// The test case document: a recorded run turned into an offline regression test. Its steps are what the models
// answered, keyed by structure (step key) with the hash of their inputs; replaying it answers each model call
// from here while the inputs are unchanged. Versioned like the graph format, so a case saved today stays readable.
import { z } from 'zod';
import { ActionType, EscalationDecision, RecordedMessage, RecordedToolCall, RunStatus, Usage } from '../events';
import { ModelTier } from '../graph/nodes';
import { JsonSchemaObject, JsonValue } from '../json';

export const TESTCASE_FORMAT = 'baton.testcase';
export const TESTCASE_VERSION = 1;

/**
 * One completed step of the recorded run: a model call or a tool call, and what it answered. The tool fields were
 * added within version 1, optional: a case recorded before them reads as it did (it simply holds no tool steps).
 */
export const TestCaseStep = z.strictObject({
  /** The structural key (`writer/call`, `orch/subtask:t1`...): how a replay finds this step again. */
  stepKey: z.string().min(1),
  agentId: z.string(),
  agentName: z.string(),
  actionType: ActionType,
  /** sha256 of the step's logical inputs when it was recorded: a replay reuses the step only while it is equal. */
  inputHash: z.string().min(1),
  tier: ModelTier.optional(),
  model: z.string().optional(),
  /** The messages the model was given, kept to say what changed when the step diverges. */
  messages: z.array(RecordedMessage).optional(),
  output: JsonValue,
  usage: Usage.optional(),
  /** A model call's reply that asked for tools: the calls as the model wrote them, in reply order, replayed as such. */
  toolCalls: z.array(RecordedToolCall).optional(),
  /** A tool call's source, tool and arguments, kept to say what changed when the step diverges. */
  tool: z.strictObject({ source: z.string(), name: z.string(), arguments: JsonValue }).optional(),
});
export type TestCaseStep = z.infer<typeof TestCaseStep>;

/** A person's decision on an escalation in the recorded run, given again on replay. */
export const TestCaseDecision = z.strictObject({
  stepKey: z.string().min(1),
  decision: EscalationDecision,
  payload: JsonValue.optional(),
  note: z.string().optional(),
});
export type TestCaseDecision = z.infer<typeof TestCaseDecision>;

/** What must hold after a replay. Every assertion left out is not checked. */
export const TestCaseAssertions = z.strictObject({
  /** The run's final status. */
  status: RunStatus.optional(),
  result: z
    .strictObject({
      /** A JSON Schema (2020-12) the run's result must match. */
      schema: JsonSchemaObject.optional(),
      /** Texts the result (as JSON text when it is not a string) must contain. */
      contains: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  /** Routes that must be taken: the router's name and the chosen category's name. */
  routes: z.array(z.strictObject({ router: z.string().min(1), target: z.string().min(1) })).optional(),
  /** True: no handoff may escalate to a person. */
  noEscalation: z.boolean().optional(),
  /** Limits the replay's spend (recorded usage of reused steps plus what live calls cost) must stay within. */
  budget: z
    .strictObject({
      maxModelCalls: z.number().int().nonnegative().optional(),
      maxTokens: z.number().int().nonnegative().optional(),
    })
    .optional(),
});
export type TestCaseAssertions = z.infer<typeof TestCaseAssertions>;

export const TestCase = z.strictObject({
  format: z.literal(TESTCASE_FORMAT),
  version: z.literal(TESTCASE_VERSION),
  /** A short name, unique among a graph's cases: the JUnit test case name and the file name. */
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  /** The graph it was recorded on, and that graph's version (null: a file that was never a stored version). */
  graphId: z.string(),
  graphVersion: z.number().int().positive().nullable(),
  /** The run it was made from, when known. */
  recordedRunId: z.string().optional(),
  goal: z.string(),
  input: JsonValue.optional(),
  /** The tier-to-model mapping the recorded run ran with; a replay uses it, so the inputs hash the same. */
  models: z.strictObject({ fast: z.string(), balanced: z.string(), deep: z.string() }),
  steps: z.array(TestCaseStep),
  decisions: z.array(TestCaseDecision),
  assertions: TestCaseAssertions,
});
export type TestCase = z.infer<typeof TestCase>;
