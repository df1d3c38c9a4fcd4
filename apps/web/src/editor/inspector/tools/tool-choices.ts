// What the Tools section offers and how it changes a specialist's list: pure, so the rules (no unusable tool, no
// tool twice, at most the contracts' MAX_AGENT_TOOLS, handed in as `limit`) are tested without a browser.
import type { ToolInfo, ToolRef, ToolSourceInfo } from '@baton/contracts';

/** One source in the picker: its tools that can still be added, and why the others are not shown. */
export interface ToolGroup {
  source: ToolSourceInfo;
  offered: ToolInfo[];
  /** Listed, but already on this agent. */
  added: number;
  /** Listed, but named so that a graph cannot use them (the server says `usable: false`). */
  unusable: number;
}

const sameTool = (ref: ToolRef, source: string, name: string) => ref.source === source && ref.name === name;

/** Every source, in the server's order, each with the tools `current` lacks that match `filter` (name or description). */
export function toolGroups(sources: readonly ToolSourceInfo[], current: readonly ToolRef[], filter = ''): ToolGroup[] {
  const needle = filter.trim().toLowerCase();
  const matches = (tool: ToolInfo) =>
    needle === '' || tool.name.toLowerCase().includes(needle) || tool.description.toLowerCase().includes(needle);
  return sources.map((source) => {
    let added = 0;
    let unusable = 0;
    const offered: ToolInfo[] = [];
    for (const tool of source.tools) {
      if (!tool.usable) unusable++;
      else if (current.some((ref) => sameTool(ref, source.name, tool.name))) added++;
      else if (matches(tool)) offered.push(tool);
    }
    return { source, offered, added, unusable };
  });
}

/**
 * The list with the tool added at the end; unchanged when it is already there or the list is full. A tool that may
 * have side effects starts with approval on: a person decides before it changes anything, until they turn it off.
 */
export function withTool(
  current: readonly ToolRef[],
  source: string,
  tool: ToolInfo,
  limit: number,
): readonly ToolRef[] {
  if (current.length >= limit || current.some((ref) => sameTool(ref, source, tool.name))) return current;
  const ref: ToolRef = { source, name: tool.name, ...(tool.sideEffects ? { requiresApproval: true } : {}) };
  return [...current, ref];
}

export function withoutTool(current: readonly ToolRef[], index: number): ToolRef[] {
  return current.filter((_, i) => i !== index);
}

/** The list with approval set on one tool; off is stored as no flag, as a graph written by hand would say it. */
export function withApproval(current: readonly ToolRef[], index: number, on: boolean): ToolRef[] {
  return current.map((ref, i) => {
    if (i !== index) return ref;
    const { requiresApproval: _, ...rest } = ref;
    return on ? { ...rest, requiresApproval: true } : rest;
  });
}

/** What the server says of a tool the agent has, when it lists it. */
export function toolInfoOf(sources: readonly ToolSourceInfo[] | undefined, ref: ToolRef): ToolInfo | undefined {
  return sources?.find((source) => source.name === ref.source)?.tools.find((tool) => tool.name === ref.name);
}
