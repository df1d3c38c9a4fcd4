// What changed in a step's inputs since it was recorded, told from the messages the model was (and would be)
// given: the request is what the model sees, so a changed instruction, task or upstream payload shows there.
import {
  canonicalJson,
  type JsonValue,
  type RecordedMessage,
  type StepChange,
  type TestCaseStep,
} from '@baton/contracts';

/** Either side of a difference is quoted this far around its first differing character. */
const EXCERPT = 80;

export function stepChanges(
  recorded: TestCaseStep | undefined,
  model: string,
  messages: readonly RecordedMessage[],
): StepChange[] {
  if (!recorded) {
    return [{ kind: 'not_recorded', message: 'The recording has no step with this key: it is new in this graph.' }];
  }
  const changes: StepChange[] = [];
  if (recorded.model !== undefined && recorded.model !== model) {
    changes.push({
      kind: 'model',
      recorded: recorded.model,
      current: model,
      message: `The model changed from ${recorded.model} to ${model}.`,
    });
  }
  const before = recorded.messages ?? [];
  const after = messages;
  for (let index = 0; index < Math.max(before.length, after.length); index++) {
    const was = before[index];
    const now = after[index];
    if (was && !now) {
      changes.push({
        kind: 'message_removed',
        index,
        role: was.role,
        message: `Message ${index + 1} (${was.role}) is gone.`,
      });
    } else if (!was && now) {
      changes.push({
        kind: 'message_added',
        index,
        role: now.role,
        message: `Message ${index + 1} (${now.role}) is new.`,
      });
    } else if (was && now) {
      const a = normalise(was.content);
      const b = normalise(now.content);
      if (was.role === now.role && a === b) continue;
      const at = firstDifference(a, b);
      changes.push({
        kind: 'message_changed',
        index,
        role: now.role,
        recorded: excerpt(a, at),
        current: excerpt(b, at),
        message: `The ${describe(now.role, index)} changed at character ${at + 1}.`,
      });
    }
  }
  if (changes.length === 0) {
    // Same messages, another hash: something the hash covers beyond the request (a schema, a contract) changed.
    changes.push({ kind: 'inputs', message: 'Its logical inputs changed, though the messages read the same.' });
  }
  return changes;
}

/**
 * What changed in a tool call's inputs: the tool it goes to, or its arguments (as canonical JSON, so key order does
 * not count). A tool step has no messages; its inputs are the source, the tool and the arguments.
 */
export function toolStepChanges(
  recorded: TestCaseStep | undefined,
  current: { source: string; name: string; arguments: JsonValue },
): StepChange[] {
  if (!recorded) return stepChanges(recorded, '', []);
  const was = recorded.tool;
  if (!was) return [{ kind: 'inputs', message: 'The recorded step is not a tool call; this one is.' }];
  if (was.source !== current.source || was.name !== current.name) {
    return [
      {
        kind: 'inputs',
        recorded: `${was.source}/${was.name}`,
        current: `${current.source}/${current.name}`,
        message: `The call went to ${was.source}/${was.name} and now goes to ${current.source}/${current.name}.`,
      },
    ];
  }
  const a = canonicalJson(was.arguments);
  const b = canonicalJson(current.arguments);
  if (a === b) return [{ kind: 'inputs', message: 'Its logical inputs changed, though the arguments read the same.' }];
  const at = firstDifference(a, b);
  return [
    {
      kind: 'inputs',
      recorded: excerpt(a, at),
      current: excerpt(b, at),
      message: `The arguments of the call to ${current.name} changed at character ${at + 1}.`,
    },
  ];
}

/** The wrapper tags carry a per-run nonce; two runs with the same inputs differ only there. */
function normalise(text: string): string {
  return text.replace(/agent_data_[A-Za-z0-9_-]+/g, 'agent_data_');
}

function describe(role: string, index: number): string {
  if (role === 'system') return 'system message (the instructions)';
  return `message ${index + 1} (${role})`;
}

function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

function excerpt(text: string, at: number): string {
  const start = Math.max(0, at - EXCERPT / 4);
  const piece = text.slice(start, start + EXCERPT);
  return `${start > 0 ? '…' : ''}${piece}${start + EXCERPT < text.length ? '…' : ''}`;
}
