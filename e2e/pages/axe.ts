// The accessibility check of a screen: axe-core's WCAG 2 A/AA rules, keeping only what it rates serious or critical.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** One line per serious or critical violation: the rule, its impact, and the first places it was found. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}
