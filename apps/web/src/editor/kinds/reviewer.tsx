// The reviewer node: critiques its producer's drafts up to a number of revisions.
import { MAX_REVISIONS } from '@baton/contracts';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FlowNode } from '../flow-derive';
import { CheckedField, formatNumber, intParser, TextField, TierField } from '../inspector/fields';
import { NodeShell } from '../nodes/NodeShell';
import { KindIcon } from './icon';
import { DEFAULT_NODE_SIZE, handlesFor, type KindFieldsProps, type KindLook, type WebNodeKind } from './kind';

const look: KindLook = {
  label: 'Reviewer',
  article: 'a reviewer',
  summary: 'Critiques a draft until approved',
  icon: (
    <KindIcon>
      <path d="M4 12.5l5 5L20 6.5" strokeLinecap="round" strokeLinejoin="round" />
    </KindIcon>
  ),
  handles: handlesFor('reviewer'),
};

const ReviewerNode = memo(function ReviewerNode({ id, data, selected }: NodeProps<FlowNode<'reviewer'>>) {
  const revisions = `${data.maxRevisions} revision${data.maxRevisions === 1 ? '' : 's'}`;
  return (
    <NodeShell
      id={id}
      kind="reviewer"
      look={look}
      name={data.name}
      detail={`${data.tier} · ${revisions}`}
      description={data.description}
      selected={selected}
    />
  );
});

const parseRevisions = intParser(0, MAX_REVISIONS, 'Maximum revisions');

function ReviewerFields({ node, update }: KindFieldsProps<'reviewer'>) {
  return (
    <>
      <TextField
        label="Review criteria"
        value={node.data.criteria}
        onChange={(v) => update('criteria', v)}
        multiline
        hint="What the reviewer checks the producer's draft for."
        testId="field-criteria"
      />
      <TierField value={node.data.tier} onChange={(v) => update('tier', v)} />
      <CheckedField
        label="Maximum revisions"
        value={node.data.maxRevisions}
        parse={parseRevisions}
        format={formatNumber}
        onChange={(v) => update('maxRevisions', v)}
        inputMode="numeric"
        testId="field-max-revisions"
      />
    </>
  );
}

export const reviewerKind: WebNodeKind<'reviewer'> = {
  ...look,
  Node: ReviewerNode,
  Fields: ReviewerFields,
  size: DEFAULT_NODE_SIZE,
};
