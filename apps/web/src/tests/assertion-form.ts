// The assertions of a case as the form edits them (text fields) and back: plain TypeScript, tested without a DOM.
import type { RunStatus, TestCaseAssertions } from '@baton/contracts';

export interface AssertionForm {
  status: RunStatus | '';
  /** One text per line that the result must contain. */
  contains: string;
  /** A JSON Schema the result must match, as JSON text; empty for none. */
  schema: string;
  /** One `router -> target` per line. */
  routes: string;
  noEscalation: boolean;
  maxModelCalls: string;
  maxTokens: string;
}

export function toForm(assertions: TestCaseAssertions): AssertionForm {
  return {
    status: assertions.status ?? '',
    contains: (assertions.result?.contains ?? []).join('\n'),
    schema: assertions.result?.schema ? JSON.stringify(assertions.result.schema, null, 2) : '',
    routes: (assertions.routes ?? []).map((r) => `${r.router} -> ${r.target}`).join('\n'),
    noEscalation: assertions.noEscalation === true,
    maxModelCalls: assertions.budget?.maxModelCalls?.toString() ?? '',
    maxTokens: assertions.budget?.maxTokens?.toString() ?? '',
  };
}

export type FormCheck = { ok: true; assertions: TestCaseAssertions } | { ok: false; problems: string[] };

export function fromForm(form: AssertionForm): FormCheck {
  const problems: string[] = [];
  const assertions: TestCaseAssertions = {};
  if (form.status) assertions.status = form.status;
  const contains = lines(form.contains);
  let schema: Record<string, unknown> | undefined;
  if (form.schema.trim()) {
    try {
      const parsed = JSON.parse(form.schema) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        problems.push('The result schema must be a JSON object.');
      } else schema = parsed as Record<string, unknown>;
    } catch (error) {
      problems.push(`The result schema is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (contains.length > 0 || schema) {
    assertions.result = { ...(schema ? { schema } : {}), ...(contains.length > 0 ? { contains } : {}) };
  }
  const routes = lines(form.routes).map((line, index) => {
    const [router, target, extra] = line.split('->').map((part) => part.trim());
    if (!router || !target || extra !== undefined) problems.push(`Route line ${index + 1} is not "router -> target".`);
    return { router: router ?? '', target: target ?? '' };
  });
  if (routes.length > 0) assertions.routes = routes;
  if (form.noEscalation) assertions.noEscalation = true;
  const budget: NonNullable<TestCaseAssertions['budget']> = {};
  for (const [key, label] of [
    ['maxModelCalls', 'model calls'],
    ['maxTokens', 'tokens'],
  ] as const) {
    const text = form[key].trim();
    if (!text) continue;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) problems.push(`The budget of ${label} must be a whole number.`);
    else budget[key] = value;
  }
  if (Object.keys(budget).length > 0) assertions.budget = budget;
  return problems.length > 0 ? { ok: false, problems } : { ok: true, assertions };
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
