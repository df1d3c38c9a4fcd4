// A handoff over one edge: the payload checked against the edge's contract (repair once, escalate, proceed or fail).
import { formatJsonPath, type HandoffEdge, type JsonValue } from '@baton/contracts';
import { type PayloadIssue, validateAgainst } from '../contracts/schema';
import { HandoffContractError } from '../errors';
import { produce } from '../nodes/agent-call';
import { authored, prompt } from '../trust/wrap';
import { type Action, type Producer, parseJsonText, type RunContext } from './context';
import { escalate } from './escalate';
import { repairMessage } from './prompts';
import { nameOf } from './topology';

/**
 * Hands `payload` over `edge`, as a `handoff` action under `parent`; returns the payload that goes on (repaired
 * or edited by a person) or throws HandoffContractError. `stepScope` keeps step keys unique per subtask.
 */
export async function handOff(
  ctx: RunContext,
  parent: Action,
  edge: HandoffEdge,
  payload: JsonValue,
  producer: Producer | undefined,
  stepScope = edge.source,
): Promise<JsonValue> {
  const source = ctx.topology.nodes.get(edge.source)!;
  const target = ctx.topology.nodes.get(edge.target)!;
  const contract = edge.contract;
  const action = await ctx.start({
    parent,
    agentId: source.id,
    agentName: nameOf(source),
    actionType: 'handoff',
    logical: { edgeId: edge.id, payload },
    summary: `${nameOf(source)} \u2192 ${nameOf(target)}${contract ? ` (contract ${contract.name})` : ''}`,
  });
  const ends = {
    actionId: action.actionId,
    parentActionId: action.parentActionId,
    stepKey: action.stepKey,
    edgeId: edge.id,
    sourceId: source.id,
    targetId: target.id,
  };
  const contractName = contract?.name ?? null;
  const rejected = (
    reason: 'invalid_payload' | 'low_confidence' | 'rejected_by_person',
    errors: PayloadIssue[],
    willRepair = false,
  ) => ctx.emit({ type: 'handoff.rejected', ...ends, contractName, reason, errors, willRepair });
  try {
    if (!contract) {
      await ctx.emit({ type: 'handoff.validated', ...ends, contractName, confidence: null, outcome: 'passed' });
      await ctx.complete(action, null);
      return payload;
    }
    const compiled = ctx.compiled(contract.schema);
    if (!compiled.ok) throw new HandoffContractError('invalid_payload', edge.id, compiled.message);
    const check = (value: JsonValue): PayloadIssue[] => validateAgainst(compiled, value);
    let value = asJson(payload);
    let issues = check(value);
    if (issues.length > 0) {
      await rejected('invalid_payload', issues, producer !== undefined);
      if (producer) {
        const errors = issues.map((i) => `${formatJsonPath(i.path)}: ${i.message}`);
        const repaired = await produce(ctx, action, producer, {
          content: repairMessage(ctx, {
            agentName: producer.agentName,
            what: prompt`previous output`,
            lead: prompt`That output breaks the contract "${authored(contract.name)}".`,
            ask: prompt`Reply again with a corrected JSON payload only.`,
            previous: value,
            problems: errors,
          }),
          stepKey: `${stepScope}/handoff:${edge.id}/repair`,
          logical: { previous: value, errors },
        });
        value = asJson(repaired);
        issues = check(value);
        if (issues.length > 0) {
          await rejected('invalid_payload', issues);
        }
      }
      if (issues.length > 0) throw invalid(edge, contract.name, issues);
    }
    const confidence = confidenceOf(value);
    let outcome: 'passed' | 'low_confidence_proceeded' = 'passed';
    let warning: string | undefined;
    if (contract.requiredConfidence > 0 && (confidence === null || confidence < contract.requiredConfidence)) {
      const reason =
        confidence === null
          ? `The payload has no numeric confidence; the contract "${contract.name}" requires ${contract.requiredConfidence}.`
          : `Confidence ${confidence} is below the ${contract.requiredConfidence} the contract "${contract.name}" requires.`;
      if (contract.onLowConfidence === 'proceed') {
        outcome = 'low_confidence_proceeded';
        warning = reason;
      } else if (contract.onLowConfidence === 'fail') {
        await rejected('low_confidence', [{ path: ['confidence'], message: reason }]);
        throw new HandoffContractError('low_confidence', edge.id, reason, ['confidence']);
      } else {
        const resolution = await escalate(ctx, action, {
          agentId: source.id,
          agentName: nameOf(source),
          stepKey: `${stepScope}/handoff:${edge.id}/escalation`,
          edgeId: edge.id,
          sourceId: source.id,
          targetId: target.id,
          contract,
          payload: value,
          confidence,
          reason,
        });
        if (resolution.decision === 'reject') {
          const message = `A person rejected the payload of ${nameOf(source)} \u2192 ${nameOf(target)}${resolution.note ? `: ${resolution.note}` : '.'}`;
          await rejected('rejected_by_person', []);
          throw new HandoffContractError('rejected_by_person', edge.id, message);
        }
        if (resolution.decision === 'edit') {
          value = asJson(resolution.payload ?? null);
          issues = check(value);
          if (issues.length > 0) {
            await rejected('invalid_payload', issues);
            throw invalid(edge, contract.name, issues);
          }
        }
      }
    }
    await ctx.emit({
      type: 'handoff.validated',
      ...ends,
      contractName,
      confidence: confidenceOf(value),
      outcome,
      ...(warning ? { warning } : {}),
    });
    await ctx.complete(action, null);
    return value;
  } catch (error) {
    await ctx.fail(action, error);
    throw error;
  }
}

/** Payloads that arrive as JSON text (a specialist without schema) are parsed before they meet a schema. */
function asJson(payload: JsonValue): JsonValue {
  if (typeof payload !== 'string') return payload;
  const parsed = parseJsonText(payload);
  return parsed.ok ? (parsed.value as JsonValue) : payload;
}

function confidenceOf(value: JsonValue): number | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const confidence = value.confidence;
  return typeof confidence === 'number' && Number.isFinite(confidence) ? confidence : null;
}

function invalid(edge: HandoffEdge, contractName: string, issues: PayloadIssue[]): HandoffContractError {
  const first = issues[0]!;
  return new HandoffContractError(
    'invalid_payload',
    edge.id,
    `The payload breaks the contract "${contractName}" at ${formatJsonPath(first.path)}: ${first.message}`,
    first.path,
  );
}
