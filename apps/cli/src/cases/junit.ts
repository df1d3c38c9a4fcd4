// JUnit XML of replayed cases, the format CI systems show test results in: one <testcase> per case, a <failure>
// for each case that diverged or failed an assertion, the step-level diff in its body.
import type { TestCaseResult } from '@baton/contracts';
import { caseLines } from './case-report';

export interface JunitCase {
  file: string;
  result: TestCaseResult;
}

export function junitXml(suite: { name: string; graphId: string }, cases: readonly JunitCase[]): string {
  const failures = cases.filter((c) => c.result.verdict !== 'passed').length;
  const time = seconds(cases.reduce((sum, c) => sum + c.result.durationMs, 0));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="baton" tests="${cases.length}" failures="${failures}" errors="0" time="${time}">`,
    `  <testsuite name="${attr(suite.name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${time}">`,
  ];
  for (const { file, result } of cases) {
    const open = `    <testcase name="${attr(result.name)}" classname="${attr(suite.graphId)}" file="${attr(file)}" time="${seconds(result.durationMs)}"`;
    if (result.verdict === 'passed') {
      lines.push(`${open}/>`);
      continue;
    }
    const message = result.failures[0]?.message ?? result.verdict;
    lines.push(`${open}>`);
    lines.push(
      `      <failure type="${result.verdict}" message="${attr(message)}">${text(caseLines(result, file).join('\n'))}</failure>`,
    );
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** XML 1.0 allows no control characters but tab, newline and carriage return, even escaped: they are dropped. */
function text(value: string): string {
  return [...value].filter(allowedInXml).join('').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function allowedInXml(char: string): boolean {
  const code = char.codePointAt(0)!;
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return code !== 0xfffe && code !== 0xffff;
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
