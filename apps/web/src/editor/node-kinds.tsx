// What each node kind looks like and says about itself: label, one-line summary, icon and handles.
import type { EdgeKind, NodeKind } from '@baton/contracts';
import type { ReactNode } from 'react';
import { HANDLE } from './connect';

export interface HandleSpec {
  id: string;
  type: 'source' | 'target';
  side: 'left' | 'right' | 'top' | 'bottom';
  /** The edge kinds this handle takes: its colour and tooltip. */
  kinds: readonly EdgeKind[];
}

export interface NodeKindMeta {
  label: string;
  summary: string;
  icon: ReactNode;
  handles: readonly HandleSpec[];
}

const inHandle = (kinds: EdgeKind[]): HandleSpec => ({ id: HANDLE.in, type: 'target', side: 'left', kinds });
const outHandle = (kinds: EdgeKind[]): HandleSpec => ({ id: HANDLE.out, type: 'source', side: 'right', kinds });

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
      {children}
    </svg>
  );
}

export const NODE_KIND_META: Readonly<Record<NodeKind, NodeKindMeta>> = {
  input: {
    label: 'Input',
    summary: 'Where a run starts: the goal',
    icon: (
      <Icon>
        <path d="M4 12h12M12 7l5 5-5 5" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M20 4v16" strokeLinecap="round" />
      </Icon>
    ),
    handles: [outHandle(['handoff'])],
  },
  orchestrator: {
    label: 'Orchestrator',
    summary: 'Plans subtasks for its workers',
    icon: (
      <Icon>
        <circle cx="12" cy="5" r="2.5" />
        <circle cx="5" cy="19" r="2.5" />
        <circle cx="12" cy="19" r="2.5" />
        <circle cx="19" cy="19" r="2.5" />
        <path d="M12 7.5v9M12 10l-6 6.5M12 10l6 6.5" strokeLinecap="round" />
      </Icon>
    ),
    handles: [
      inHandle(['handoff', 'route']),
      outHandle(['handoff']),
      { id: HANDLE.dispatch, type: 'source', side: 'bottom', kinds: ['dispatch'] },
    ],
  },
  specialist: {
    label: 'Specialist',
    summary: 'One agent with instructions',
    icon: (
      <Icon>
        <circle cx="12" cy="8" r="4" />
        <path d="M4.5 20c1.2-4 4.2-6 7.5-6s6.3 2 7.5 6" strokeLinecap="round" />
      </Icon>
    ),
    handles: [
      inHandle(['handoff', 'route']),
      { id: HANDLE.worker, type: 'target', side: 'top', kinds: ['dispatch'] },
      outHandle(['handoff', 'review']),
    ],
  },
  router: {
    label: 'Router',
    summary: 'Sends the task to one route',
    icon: (
      <Icon>
        <path d="M3 12h6l4-6h8M9 12l4 6h8" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M18 3l3 3-3 3M18 15l3 3-3 3" strokeLinecap="round" strokeLinejoin="round" />
      </Icon>
    ),
    handles: [inHandle(['handoff']), outHandle(['route'])],
  },
  reviewer: {
    label: 'Reviewer',
    summary: 'Critiques a draft until approved',
    icon: (
      <Icon>
        <path d="M4 12.5l5 5L20 6.5" strokeLinecap="round" strokeLinejoin="round" />
      </Icon>
    ),
    handles: [inHandle(['review']), outHandle(['handoff'])],
  },
  mesh: {
    label: 'Mesh',
    summary: 'Peers that talk until they agree',
    icon: (
      <Icon>
        <circle cx="6" cy="6" r="2.5" />
        <circle cx="18" cy="6" r="2.5" />
        <circle cx="12" cy="18" r="2.5" />
        <path d="M8.5 6h7M7.3 8.2l3.4 7.6M16.7 8.2l-3.4 7.6" strokeLinecap="round" />
      </Icon>
    ),
    handles: [inHandle(['handoff', 'route']), outHandle(['handoff'])],
  },
  output: {
    label: 'Output',
    summary: "Collects the run's result",
    icon: (
      <Icon>
        <path d="M4 4v16" strokeLinecap="round" />
        <path d="M8 12h12M15 7l5 5-5 5" strokeLinecap="round" strokeLinejoin="round" />
      </Icon>
    ),
    handles: [inHandle(['handoff'])],
  },
};

/** How each edge kind reads for people, in handle tooltips and menus. */
export const EDGE_KIND_LABEL: Readonly<Record<EdgeKind, string>> = {
  handoff: 'Handoff',
  dispatch: 'Dispatch (worker)',
  route: 'Route',
  review: 'Review',
};
