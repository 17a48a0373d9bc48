// The comment list's windowing (src/review/windowing.ts): which of 1,000 rows are in the page.
// Run in Node; no browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { importSource } from './support/typescript.mjs';

const { offsets, rowAt, slots } = await importSource('src/review/windowing.ts');

const rowsOf = (list) => list.filter((s) => typeof s === 'number');
const room = (list) => list.reduce((n, s) => n + (typeof s === 'number' ? 0 : s.gap), 0);

test('rows are found by their pixel position', () => {
  const tops = offsets([100, 50, 200]);
  assert.deepEqual(tops, [0, 100, 150, 350]);
  assert.equal(rowAt(tops, 0), 0);
  assert.equal(rowAt(tops, 99), 0);
  assert.equal(rowAt(tops, 100), 1);
  assert.equal(rowAt(tops, 349), 2);
  assert.equal(rowAt(tops, 5000), 2);
  assert.equal(rowAt(tops, -10), 0);
});

test('of 1,000 rows only those in view and a few either side are rendered, the rest is room of their height', () => {
  const heights = Array.from({ length: 1000 }, (_, i) => 80 + (i % 3) * 20);
  const tops = offsets(heights);
  const view = slots(tops, 50_000, 50_600, 3, []);
  const rows = rowsOf(view);
  assert.ok(rows.length < 20, `${rows.length} rows rendered`);
  assert.equal(rows[0], rowAt(tops, 50_000) - 3);
  assert.equal(rows.at(-1), rowAt(tops, 50_600) + 3);
  assert.deepEqual(rows, Array.from({ length: rows.length }, (_, i) => rows[0] + i), 'one run without holes');
  const rendered = rows.reduce((n, i) => n + heights[i], 0);
  assert.equal(room(view) + rendered, tops[1000], 'the list keeps its whole height');
  assert.equal(view[0].gap, tops[rows[0]], 'the room above the first rendered row');
});

test('a pinned row far from the view stays, with room on both sides of it', () => {
  const tops = offsets(new Array(1000).fill(100));
  const view = slots(tops, 0, 500, 2, [900]);
  assert.deepEqual(rowsOf(view), [0, 1, 2, 3, 4, 5, 6, 7, 900]);
  assert.deepEqual(view.slice(7), [7, { gap: 89_200 }, 900, { gap: 9_900 }]);
  assert.deepEqual(slots(tops, 0, 500, 2, [3, -1, 5000]).length, 9, 'a pinned row in view or out of range adds nothing');
});

test('an empty list has no slots', () => {
  assert.deepEqual(slots(offsets([]), 0, 500, 3, [0]), []);
});
