// The three graph shapes every implementation runs, and how many model calls (actions) each makes.

export type ShapeKind = 'chain' | 'fanout' | 'loop';
export const SHAPE_KINDS: readonly ShapeKind[] = ['chain', 'fanout', 'loop'];

export interface Shape {
  kind: ShapeKind;
  /** N agents in a chain, W subtasks in a fan-out, R revisions in a loop. */
  size: number;
}

/**
 * Model calls in one run of the shape: a chain calls each agent once; a fan-out decomposes, runs W workers and
 * synthesises; a loop produces once, then is reviewed R + 1 times and revised R times (the reviewer never approves).
 */
export function actionCount(shape: Shape): number {
  switch (shape.kind) {
    case 'chain':
      return shape.size;
    case 'fanout':
      return shape.size + 2;
    case 'loop':
      return 2 * shape.size + 2;
  }
}

/** The model latency that the work itself needs: calls on the critical path times L. */
export function criticalPathCalls(shape: Shape): number {
  switch (shape.kind) {
    case 'chain':
      return shape.size;
    case 'fanout':
      return 3;
    case 'loop':
      return 2 * shape.size + 2;
  }
}

export function shapeLabel(shape: Shape): string {
  const letter = shape.kind === 'chain' ? 'N' : shape.kind === 'fanout' ? 'W' : 'R';
  return `${shape.kind} ${letter}=${shape.size}`;
}
