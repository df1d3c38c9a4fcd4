// How each edge kind reads for people, in handle tooltips, menus and the inspector.
import type { EdgeKind } from '@baton/contracts';

export const EDGE_KIND_LABEL: Readonly<Record<EdgeKind, string>> = {
  handoff: 'Handoff',
  dispatch: 'Dispatch (worker)',
  route: 'Route',
  review: 'Review',
};
