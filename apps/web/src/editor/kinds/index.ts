// The registry of web node kinds: one entry per contracts `NodeKind`, so a kind without a web file does not compile.
import type { NodeKind } from '@baton/contracts';
import type { NodeTypes } from '@xyflow/react';
import { inputKind } from './input';
import type { WebNodeKind } from './kind';
import { meshKind } from './mesh';
import { orchestratorKind } from './orchestrator';
import { outputKind } from './output';
import { reviewerKind } from './reviewer';
import { routerKind } from './router';
import { specialistKind } from './specialist';

export type { HandleSpec, KindFieldsProps, KindLook, WebNodeKind } from './kind';

export const WEB_NODE_KINDS: { readonly [K in NodeKind]: WebNodeKind<K> } = {
  input: inputKind,
  orchestrator: orchestratorKind,
  specialist: specialistKind,
  router: routerKind,
  reviewer: reviewerKind,
  mesh: meshKind,
  output: outputKind,
};

/** React Flow's node types, at module scope so React Flow never sees a new map. */
export const NODE_TYPES = Object.fromEntries(
  Object.entries(WEB_NODE_KINDS).map(([kind, entry]) => [kind, entry.Node]),
) as NodeTypes;
