// The inspector's form for an edge: the fallback of a route; the contract of a handoff (name, schema, confidence).
import {
  assertNever,
  EDGE_RULES,
  type GraphEdge,
  type HandoffContract,
  type LowConfidencePolicy,
} from '@baton/contracts';
import { useCallback, useId } from 'react';
import { useDocument, useDocumentStore } from '../document-context';
import { unappliedKey } from '../unapplied-text';
import { CheckedField, FieldFrame, SelectField } from './fields';
import { SchemaField } from './SchemaField';

const POLICIES: readonly { value: LowConfidencePolicy; label: string }[] = [
  { value: 'escalate', label: 'Ask a person (escalate)' },
  { value: 'proceed', label: 'Go on anyway' },
  { value: 'fail', label: 'Fail the branch' },
];

/** A new contract is valid as it stands: its schema requires the confidence its minimum checks. */
function defaultContract(name: string): HandoffContract {
  return {
    name,
    schema: {
      type: 'object',
      properties: { summary: { type: 'string' }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
      required: ['summary', 'confidence'],
    },
    requiredConfidence: 0.7,
    onLowConfidence: 'escalate',
  };
}

const parseContractName = (text: string): { ok: true; value: string } | { ok: false; error: string } =>
  text.trim() === ''
    ? { ok: false, error: 'A contract needs a name.' }
    : text.length > 100
      ? { ok: false, error: 'A contract name can be at most 100 characters long.' }
      : { ok: true, value: text };
const identity = (text: string) => text;

export function EdgeForm({ edge }: { edge: GraphEdge }) {
  const store = useDocumentStore();
  const ends = useDocument((state) => {
    const name = (id: string) => state.document.nodes.find((node) => node.id === id)?.data.name ?? id;
    return `${name(edge.source)} → ${name(edge.target)}`;
  });
  const header = (
    <p className="inspector-edge-ends">
      {ends}
      <span className="inspector-edge-meaning">{EDGE_RULES[edge.kind].meaning}.</span>
    </p>
  );
  switch (edge.kind) {
    case 'dispatch':
    case 'review':
      return header;
    case 'route':
      return (
        <>
          {header}
          <label className="check-field">
            <input
              type="checkbox"
              checked={edge.fallback === true}
              onChange={(event) =>
                store.getState().updateEdge(edge.id, { fallback: event.target.checked || undefined })
              }
              data-testid="field-fallback"
            />
            Fallback: taken when the router's answer matches no route
          </label>
        </>
      );
    case 'handoff':
      return (
        <>
          {header}
          <ContractForm
            edgeId={edge.id}
            contract={edge.contract}
            defaultName={ends.replace(' → ', '_to_')}
            ends={ends}
          />
        </>
      );
    default:
      return assertNever(edge, 'edge');
  }
}

function ContractForm({
  edgeId,
  contract,
  defaultName,
  ends,
}: {
  edgeId: string;
  contract: HandoffContract | undefined;
  defaultName: string;
  /** `research → writer`, for the sentence of a problem on this edge. */
  ends: string;
}) {
  const store = useDocumentStore();
  const sliderId = useId();
  const set = useCallback(
    (patch: Partial<HandoffContract>, field: string) => {
      const current = store.getState().document.edges.find((edge) => edge.id === edgeId);
      if (current?.kind !== 'handoff' || !current.contract) return;
      store
        .getState()
        .updateEdge(edgeId, { contract: { ...current.contract, ...patch } }, `${edgeId}.contract.${field}`);
    },
    [store, edgeId],
  );

  if (!contract) {
    return (
      <div className="inspector-contract-empty">
        <p className="field-hint">
          No contract: anything the source produces goes on. A contract checks the payload against a JSON Schema and
          stops low-confidence handoffs.
        </p>
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => store.getState().updateEdge(edgeId, { contract: defaultContract(defaultName) })}
          data-testid="add-contract"
        >
          Add a contract
        </button>
      </div>
    );
  }
  return (
    <div className="inspector-contract">
      <h3 className="inspector-subtitle">Handoff contract</h3>
      <CheckedField
        label="Contract name"
        value={contract.name}
        parse={parseContractName}
        format={identity}
        onChange={(name) => set({ name }, 'name')}
        testId="field-contract-name"
      />
      <SchemaField
        label="Payload schema"
        value={contract.schema}
        onChange={(schema) => set({ schema }, 'schema')}
        hint="JSON Schema 2020-12 the payload must match. With a minimum confidence, it must require a numeric confidence."
        testId="field-contract-schema"
        owner={{
          target: { kind: 'edge', id: edgeId },
          field: ['contract', 'schema'],
          subject: `The schema of the contract "${contract.name}" on the handoff ${ends}`,
        }}
      />
      <FieldFrame
        label="Minimum confidence"
        id={sliderId}
        hint="Payloads whose confidence is below it follow the policy below; 0 turns the check off."
      >
        <div className="confidence-row">
          <input
            id={sliderId}
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={contract.requiredConfidence}
            onChange={(event) => set({ requiredConfidence: Number(event.target.value) }, 'confidence')}
            onPointerUp={() => store.getState().closeStep()}
            data-testid="field-contract-confidence"
          />
          <output className="confidence-value" htmlFor={sliderId}>
            {contract.requiredConfidence.toFixed(2)}
          </output>
        </div>
      </FieldFrame>
      <SelectField
        label="Below the minimum"
        value={contract.onLowConfidence}
        options={POLICIES}
        onChange={(onLowConfidence) => set({ onLowConfidence }, 'policy')}
        testId="field-contract-policy"
      />
      <button
        type="button"
        className="btn btn-sm btn-ghost"
        onClick={() => {
          // The contract's schema text goes with the contract.
          store.getState().setUnapplied(unappliedKey({ kind: 'edge', id: edgeId }, ['contract', 'schema']), null);
          store.getState().updateEdge(edgeId, { contract: undefined });
        }}
      >
        Remove contract
      </button>
    </div>
  );
}
