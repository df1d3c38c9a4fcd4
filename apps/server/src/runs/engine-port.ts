// What the server needs from @baton/engine, as one injectable object: the real engine in production, fakes in tests.
import type { HandoffContract, JsonPath, RunEvent, RunEventBody } from '@baton/contracts';
import type { PriorSpend, RunGraphOptions, RunHandle, Scrubber } from '@baton/engine';

export type {
  EscalationRequest,
  EscalationResolution,
  ModelProvider,
  PriorSpend,
  RunGraphOptions,
  RunHandle,
  Scrubber,
} from '@baton/engine';

export type PayloadCheck = { ok: true } | { ok: false; errors: { path: JsonPath; message: string }[] };

export interface EnginePort {
  runGraph(options: RunGraphOptions): RunHandle;
  sealEvent(
    body: RunEventBody,
    meta: { runId: string; seq: number; at: number; previousChain: string | null },
    scrubber?: Scrubber | null,
  ): RunEvent;
  validateHandoffPayload(contract: HandoffContract, payload: unknown): PayloadCheck;
  /** What a run's stored events spent (calls, tokens, active time): the totals of a run ended without the engine. */
  priorSpend(events: readonly RunEvent[]): PriorSpend;
}
