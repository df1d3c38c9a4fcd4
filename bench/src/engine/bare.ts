// The baseline: each shape done with bare promises and nothing else, so wall - bare is the framework's overhead.
import type { ScriptedModel } from './scripted-model';
import type { Shape } from './shapes';

export async function runBare(shape: Shape, model: ScriptedModel, goal: string): Promise<string> {
  switch (shape.kind) {
    case 'chain': {
      let text = goal;
      for (let i = 0; i < shape.size; i++) text = await model.specialist(text);
      return text;
    }
    case 'fanout': {
      const plan = await model.decompose(shape.size);
      const results = await Promise.all(plan.map((task) => model.specialist(task.description)));
      return model.synthesise(results);
    }
    case 'loop': {
      let draft = await model.specialist(goal);
      for (let round = 1; ; round++) {
        const review = await model.review(round);
        if (review.approved || round > shape.size) return draft;
        draft = await model.revise(round);
      }
    }
  }
}
