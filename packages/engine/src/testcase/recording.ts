// Steps recorded in ANOTHER run (a test case), for a replay against the current graph: a step is answered from
// here only when its step key and its input hash both match. It is not the same-run replay of resume (`replay`):
// that one continues the old log; this one starts a new run at seq 1 and says, step by step, what it reused.
import type {
  JsonValue,
  ResolvedModelTiers,
  StepChange,
  StepVerdict,
  TestCaseDecision,
  TestCaseStep,
} from '@baton/contracts';

export interface StepRecording {
  steps: readonly TestCaseStep[];
  decisions: readonly TestCaseDecision[];
  /** The tier-to-model mapping the recording ran with: it wins over the graph's and the provider's. */
  models: ResolvedModelTiers;
  /** False (offline): a diverged step fails the run there. True: it is called with the configured provider. */
  live: boolean;
}

export type StepLookup = { kind: 'reuse'; step: TestCaseStep } | { kind: 'diverged'; verdict: StepVerdict };

export class RecordingIndex {
  private readonly steps = new Map<string, TestCaseStep>();
  private readonly decisions = new Map<string, TestCaseDecision>();
  /** In the order the replay met them. */
  private readonly verdicts = new Map<string, StepVerdict>();

  constructor(readonly recording: StepRecording) {
    for (const step of recording.steps) this.steps.set(step.stepKey, step);
    for (const decision of recording.decisions) this.decisions.set(decision.stepKey, decision);
  }

  get live(): boolean {
    return this.recording.live;
  }

  get models(): ResolvedModelTiers {
    return this.recording.models;
  }

  /**
   * Decides one step (a model call or a tool call): reused when key and hash match, else diverged with what changed,
   * as `changes` tells it from the recorded step (step-changes.ts). Records the verdict.
   */
  lookup(
    current: { stepKey: string; agentId: string; agentName: string },
    inputHash: string,
    changes: (recorded: TestCaseStep | undefined) => StepChange[],
  ): StepLookup {
    const step = this.steps.get(current.stepKey);
    if (step && step.inputHash === inputHash) {
      this.verdicts.set(current.stepKey, {
        stepKey: current.stepKey,
        agentId: current.agentId,
        agentName: current.agentName,
        status: 'reused',
        changes: [],
        called: false,
        recordedOutput: step.output,
      });
      return { kind: 'reuse', step };
    }
    const verdict: StepVerdict = {
      stepKey: current.stepKey,
      agentId: current.agentId,
      agentName: current.agentName,
      status: 'diverged',
      changes: changes(step),
      called: this.recording.live,
      ...(step ? { recordedOutput: step.output } : {}),
    };
    this.verdicts.set(current.stepKey, verdict);
    return { kind: 'diverged', verdict };
  }

  /** What a live call of a diverged step answered, for the output diff. */
  answered(stepKey: string, output: JsonValue): void {
    const verdict = this.verdicts.get(stepKey);
    if (verdict) verdict.output = output;
  }

  decision(stepKey: string): TestCaseDecision | undefined {
    return this.decisions.get(stepKey);
  }

  /** Every step the replay met, in order, then every recorded step it never reached, in recorded order. */
  report(): StepVerdict[] {
    const met = [...this.verdicts.values()];
    const notReached: StepVerdict[] = this.recording.steps
      .filter((step) => !this.verdicts.has(step.stepKey))
      .map((step) => ({
        stepKey: step.stepKey,
        agentId: step.agentId,
        agentName: step.agentName,
        status: 'not_reached',
        changes: [],
        called: false,
        recordedOutput: step.output,
      }));
    return [...met, ...notReached];
  }
}
