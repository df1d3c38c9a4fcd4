import { MAX_AGENT_TOOLS, type ToolInfo, type ToolRef, type ToolSourceInfo } from '@baton/contracts';
import { describe, expect, it } from 'vitest';
import { toolGroups, withApproval, withoutTool, withTool } from './tool-choices';

const tool = (name: string, extra: Partial<ToolInfo> = {}): ToolInfo => ({
  name,
  description: `${name} things`,
  inputSchema: { type: 'object' },
  sideEffects: false,
  sideEffectsFrom: 'annotations',
  usable: true,
  ...extra,
});

const SOURCES: ToolSourceInfo[] = [
  { name: 'builtin', kind: 'builtin', reachable: true, error: null, allowTools: null, tools: [tool('calculator')] },
  {
    name: 'lab',
    kind: 'mcp',
    transport: 'http',
    reachable: true,
    error: null,
    allowTools: null,
    tools: [tool('echo'), tool('wipe', { sideEffects: true }), tool('bad.name', { usable: false })],
  },
  {
    name: 'offline',
    kind: 'mcp',
    transport: 'http',
    reachable: false,
    error: 'It is unreachable: connection refused.',
    allowTools: null,
    tools: [],
  },
];

describe('the tools a specialist is offered', () => {
  it('groups by source and leaves out tools already added and tools a graph cannot name', () => {
    const groups = toolGroups(SOURCES, [{ source: 'lab', name: 'echo' }]);
    expect(groups.map((g) => [g.source.name, g.offered.map((t) => t.name), g.added, g.unusable])).toEqual([
      ['builtin', ['calculator'], 0, 0],
      ['lab', ['wipe'], 1, 1],
      ['offline', [], 0, 0],
    ]);
    expect(groups[2]?.source.error).toBe('It is unreachable: connection refused.');
  });

  it('filters by name or description', () => {
    const offered = toolGroups(SOURCES, [], 'WIPE').flatMap((g) => g.offered.map((t) => t.name));
    expect(offered).toEqual(['wipe']);
  });

  it('adds a tool once, with approval on when it may have side effects, and never past the limit', () => {
    const one = withTool([], 'lab', tool('echo'), MAX_AGENT_TOOLS);
    expect(one).toEqual([{ source: 'lab', name: 'echo' }]);
    expect(withTool(one, 'lab', tool('echo'), MAX_AGENT_TOOLS)).toBe(one);
    expect(withTool(one, 'lab', tool('wipe', { sideEffects: true }), MAX_AGENT_TOOLS)).toEqual([
      { source: 'lab', name: 'echo' },
      { source: 'lab', name: 'wipe', requiresApproval: true },
    ]);
    const full: ToolRef[] = Array.from({ length: MAX_AGENT_TOOLS }, (_, i) => ({ source: 'lab', name: `t${i}` }));
    expect(withTool(full, 'lab', tool('echo'), MAX_AGENT_TOOLS)).toBe(full);
  });

  it('switches approval per tool and removes one by its place', () => {
    const tools: ToolRef[] = [
      { source: 'lab', name: 'echo' },
      { source: 'lab', name: 'add' },
    ];
    const on = withApproval(tools, 1, true);
    expect(on[1]).toEqual({ source: 'lab', name: 'add', requiresApproval: true });
    expect(withApproval(on, 1, false)[1]).toEqual({ source: 'lab', name: 'add' });
    expect(withoutTool(on, 0)).toEqual([{ source: 'lab', name: 'add', requiresApproval: true }]);
  });
});
