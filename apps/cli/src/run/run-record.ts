// The run's record, folded from its events by the server's own rule (applyEvent), so a CLI trace reads like a server one.
import { EMPTY_SPEND, type GraphDocument, type JsonValue, type RunEvent, type RunRecord } from '@baton/contracts';
import { applyEvent, type RunState, ZERO_USAGE } from '@baton/server';

export class RunRecordBuilder {
  private state: RunState = {
    status: 'queued',
    startedAt: null,
    endedAt: null,
    usage: ZERO_USAGE,
    modelCalls: 0,
    eventCount: 0,
    lastHash: null,
    result: null,
    error: null,
    pendingEscalations: [],
    spend: EMPTY_SPEND,
  };

  constructor(
    private readonly base: {
      id: string;
      graph: GraphDocument;
      goal: string;
      input: JsonValue | null;
      createdAt: number;
    },
  ) {}

  apply(event: RunEvent): void {
    this.state = applyEvent(this.state, event);
  }

  get status(): RunState['status'] {
    return this.state.status;
  }

  get modelCalls(): number {
    return this.state.modelCalls;
  }

  record(): RunRecord {
    const { state, base } = this;
    return {
      id: base.id,
      graphId: base.graph.id,
      // The CLI runs the file as given: it is version 1 of itself (the server's versions are its own numbering).
      graphVersion: 1,
      goal: base.goal,
      status: state.status,
      createdAt: base.createdAt,
      startedAt: state.startedAt,
      endedAt: state.endedAt,
      usage: state.usage,
      eventCount: state.eventCount,
      error: state.error,
      input: base.input,
      result: state.result,
      lastHash: state.lastHash,
      pendingEscalations: state.pendingEscalations,
      spend: state.spend,
    };
  }
}
