// The inspector's form for a node: name and description, then its kind's own fields (`kinds/<kind>.tsx`); edits
// apply as you type, each field one undo step while focused.
import { type GraphNode, type NodeKind, Slug } from '@baton/contracts';
import { type ComponentType, useCallback } from 'react';
import { useDocument, useDocumentStore } from '../document-context';
import type { Patch } from '../document-store';
import { type KindFieldsProps, WEB_NODE_KINDS } from '../kinds';
import { CheckedField, TextField } from './fields';

const parseName = (text: string): { ok: true; value: string } | { ok: false; error: string } => {
  const parsed = Slug.safeParse(text);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0]!.message };
};
const formatName = (name: string) => name;

export function NodeForm({ node }: { node: GraphNode }) {
  const store = useDocumentStore();
  const id = node.id;
  const update = useCallback(
    (field: string, value: unknown) =>
      store.getState().updateNodeData(id, { [field]: value } as Patch, `${id}.${field}`),
    [store, id],
  );
  const otherNames = useDocument((state) => namesExcept(state.document.nodes, id));
  const duplicateWarning = useCallback(
    (name: string) => (otherNames.split('\n').includes(name) ? `Another node is already named "${name}".` : null),
    [otherNames],
  );
  const data = node.data;

  const common = (
    <>
      <CheckedField
        label="Name"
        value={data.name}
        parse={parseName}
        format={formatName}
        onChange={(value) => update('name', value)}
        warning={duplicateWarning}
        hint="A unique slug such as code_review: it is what models and people see."
        mono
        testId="field-name"
      />
      <TextField
        label="Description"
        value={data.description}
        onChange={(value) => update('description', value)}
        hint="One line: the orchestrator and router read it to choose."
        testId="field-description"
      />
    </>
  );
  // The registry is typed per kind; here the node and its entry are of the same kind, which TypeScript cannot follow.
  const Fields = WEB_NODE_KINDS[node.kind].Fields as ComponentType<KindFieldsProps<NodeKind>> | undefined;
  return (
    <>
      {common}
      {Fields ? <Fields node={node} update={update} /> : null}
    </>
  );
}

/** The other nodes' names as one string, so the selector's result compares by value. */
function namesExcept(nodes: readonly GraphNode[], id: string): string {
  return nodes
    .filter((node) => node.id !== id)
    .map((node) => node.data.name)
    .join('\n');
}
