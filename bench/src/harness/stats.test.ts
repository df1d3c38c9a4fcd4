// Medians, extremes and percentiles are what the table prints: they must be right for odd, even and empty inputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percentile, summarize } from './stats';

test('summarize gives the median (mean of the middle two for an even count), min and max', () => {
  assert.deepEqual(summarize([5, 1, 3]), { median: 3, min: 1, max: 5, n: 3 });
  assert.deepEqual(summarize([4, 1, 3, 2]), { median: 2.5, min: 1, max: 4, n: 4 });
  assert.ok(Number.isNaN(summarize([]).median));
});

test('percentile uses the nearest rank', () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(percentile(samples, 50), 50);
  assert.equal(percentile(samples, 99), 99);
  assert.equal(percentile(samples, 100), 100);
  assert.equal(percentile([7], 99), 7);
});
