// A tool name a graph can use: the graph format's own rule (`ToolRef.name`), not a copy of it.
import { ToolRef } from '@baton/contracts';

export function isUsableToolName(name: string): boolean {
  return ToolRef.shape.name.safeParse(name).success;
}
