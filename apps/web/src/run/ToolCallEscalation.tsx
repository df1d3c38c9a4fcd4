// What the escalation dialog says when the question is a tool call (the escalation's `subject`): approve a call, or
// decide about one that may have run before the run stopped. Arguments and schemas are the agent's data: shown as
// text in a <pre>, never as markup.
import type { EscalationSubject, JsonSchemaObject } from '@baton/contracts';
import { formatJson } from './format';

export type ToolCallSubject = Extract<EscalationSubject, { kind: 'tool_call' }>;

/** The dialog's title, buttons and editor label for a tool call: the same three decisions, named for the question. */
export interface ToolCallWording {
  title: string;
  approve: string;
  edit: string;
  sendEdit: string;
  reject: string;
  editLabel: string;
  /** What an edit is checked against before it is sent: the input schema, or nothing for a result given by hand. */
  editSchema: JsonSchemaObject | undefined;
  /** The text the editor starts with. */
  editStart: string;
}

export function toolCallWording(subject: ToolCallSubject): ToolCallWording {
  if (subject.question === 'may_have_run') {
    return {
      title: 'A tool call may have run',
      approve: 'Run it again',
      edit: 'Give the result',
      sendEdit: 'Send the result',
      reject: 'Fail the call',
      editLabel: 'The call\u2019s result (JSON; a text result in double quotes)',
      editSchema: undefined,
      editStart: '""',
    };
  }
  return {
    title: 'A tool call needs your approval',
    approve: 'Approve',
    edit: 'Edit arguments',
    sendEdit: 'Send edit',
    reject: 'Reject',
    editLabel: 'Arguments (checked against the tool\u2019s input schema before they are sent)',
    editSchema: subject.inputSchema,
    editStart: JSON.stringify(subject.arguments, null, 2),
  };
}

/** The facts of the call: which agent, which tool of which source, and its arguments as written. */
export function ToolCallFacts({ subject, agentName }: { subject: ToolCallSubject; agentName: string }) {
  return (
    <>
      <dl className="trace-facts" data-testid="escalation-tool-call">
        <dt>Agent</dt>
        <dd>{agentName}</dd>
        <dt>Tool</dt>
        <dd data-testid="escalation-tool-name">
          {subject.tool} <span className="subtle">({subject.source})</span>
        </dd>
      </dl>
      <details className="trace-block" open>
        <summary>Arguments</summary>
        <pre className="trace-pre" data-testid="escalation-tool-arguments">
          {formatJson(subject.arguments)}
        </pre>
      </details>
      <details className="trace-block">
        <summary>Input schema</summary>
        <pre className="trace-pre">{JSON.stringify(subject.inputSchema, null, 2)}</pre>
      </details>
    </>
  );
}
