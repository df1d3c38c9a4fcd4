// Critiques its producer's draft; the producer revises with the issues up to maxRevisions; the draft goes on.
import type { JsonValue } from '@baton/contracts';
import { NodeExecutionError } from '../errors';
import { goalLine, REVIEW_ASK, reviewRound, revisionLead, withInstructions } from '../run/prompts';
import { authored, prompt } from '../trust/wrap';
import { produce } from './agent-call';
import type { NodeExecutor } from './types';

export const runReviewer: NodeExecutor<'reviewer'> = async ({ ctx, node, action, inputs }) => {
  const producerNode = ctx.topology.producerOf.get(node.id);
  const producer = producerNode ? ctx.producers.get(producerNode.id) : undefined;
  const fromProducer = inputs.find((input) => input.sourceId === producerNode?.id);
  if (!producerNode || !producer || !fromProducer) {
    throw new NodeExecutionError('reviewer_without_producer', `Reviewer "${node.data.name}" has no draft to review.`);
  }
  const reviewer = authored(node.data.name);
  const producerName = authored(producerNode.data.name);
  const system = withInstructions(
    prompt`You are ${reviewer}, a reviewer. Check the draft against these criteria:`,
    node.data.criteria,
  );
  // The draft that goes on is the producer's: a contract on the reviewer's handoff is repaired by the producer.
  ctx.producers.set(node.id, producer);
  let draft: JsonValue = fromProducer.payload;
  let approved = false;
  for (let round = 1; ; round++) {
    const review = await ctx.start({
      parent: action,
      agentId: node.id,
      agentName: node.data.name,
      actionType: 'review',
      logical: { round, draft },
      summary: `Review ${round}`,
    });
    let verdict: string;
    try {
      const reply = await ctx.callModel(review, {
        agentId: node.id,
        agentName: node.data.name,
        stepKey: `${node.id}/review:${round}`,
        tier: node.data.tier,
        messages: [
          { role: 'system', content: system },
          {
            role: 'user',
            content: prompt`${goalLine(ctx)}\n\nThe draft of ${producerName}:\n${ctx.wrap(producerName, draft)}\n\n${reviewRound(round)} Identify specific issues (factual errors, missing elements, logical gaps).\n${REVIEW_ASK}\nOtherwise reply with: REVISION NEEDED, then the issues.`,
          },
        ],
        responseFormat: { type: 'text' },
        logical: { system: system.text, goal: ctx.goal, draft, round },
      });
      verdict = reply.text;
      approved = isApproved(verdict);
      await ctx.complete(review, { approved, review: verdict });
    } catch (error) {
      await ctx.fail(review, error);
      throw error;
    }
    if (approved || round > node.data.maxRevisions) break;
    const revision = await ctx.start({
      parent: action,
      agentId: producerNode.id,
      agentName: producerNode.data.name,
      actionType: 'revision',
      logical: { round, draft, review: verdict },
      summary: `Revision ${round}`,
    });
    try {
      draft = await produce(ctx, revision, producer, {
        content: prompt`${revisionLead(round)}\n\nYour previous draft:\n${ctx.wrap(prompt`${producerName} previous draft`, draft)}\n\nThe reviewer's issues:\n${ctx.wrap(reviewer, verdict)}\n\nWrite a revised draft that addresses the issues.`,
        stepKey: `${node.id}/revision:${round}`,
        logical: { round, draft, review: verdict },
      });
      await ctx.complete(revision, draft);
    } catch (error) {
      await ctx.fail(revision, error);
      throw error;
    }
  }
  return { output: approved ? draft : { approved: false, draft } };
};

/** APPROVED, and not a REVISION NEEDED that merely mentions the word. */
export function isApproved(review: string): boolean {
  if (/REVISION\s+NEEDED/i.test(review)) return false;
  return /\bAPPROVED\b/i.test(review);
}
