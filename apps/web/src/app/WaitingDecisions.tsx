// The header's count of decisions waiting for a person, in any run; it opens the list, each entry its run.
import { useWaitingEscalations } from '../api/escalations';
import { Menu } from '../ui/Menu';
import { navigate, runPath } from './router';

export function WaitingDecisions() {
  const { data } = useWaitingEscalations();
  if (!data || data.length === 0) return null;
  const count = data.length;
  return (
    <span className="waiting-decisions" data-testid="waiting-decisions" data-count={count}>
      <Menu
        testId="waiting-decisions-open"
        label={
          <>
            <span className="waiting-decisions__dot" aria-hidden="true" />
            {count} decision{count === 1 ? '' : 's'} waiting
          </>
        }
        items={data.map((escalation) => ({
          label: `${escalation.sourceName} → ${escalation.targetName}`,
          hint: escalation.graphName,
          testId: `waiting-decision-${escalation.escalationId}`,
          onSelect: () => navigate(runPath(escalation.graphId, escalation.runId)),
        }))}
      />
    </span>
  );
}
