// The review page's keyboard map and the pure parts of its timeline, run in Node (no browser).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { importSource } from './support/typescript.mjs';

const keys = await importSource('src/review/keys.ts');
const layout = await importSource('src/review/timelineLayout.ts');
const completion = await importSource('src/review/completion.ts');
const thumbnails = await importSource('src/review/thumbnails.ts');
const peaks = await importSource('src/review/peaks.ts');

const body = { tagName: 'BODY', getAttribute: () => null };
const press = (key, more = {}) => ({ key, ctrlKey: false, altKey: false, metaKey: false, target: body, ...more });

test('every documented key dispatches its action, letters in either case', () => {
  const expected = {
    ' ': 'togglePlay', k: 'togglePlay', K: 'togglePlay', j: 'back10', l: 'forward10', ArrowLeft: 'back5', ArrowRight: 'forward5',
    ',': 'prevFrame', '.': 'nextFrame', '<': 'slower', '>': 'faster', c: 'comment', C: 'comment', i: 'setIn', o: 'setOut',
    '[': 'prevComment', ']': 'nextComment', '?': 'help', m: 'mute', f: 'fullscreen',
  };
  for (const [key, action] of Object.entries(expected)) {
    assert.deepEqual(keys.playerAction(press(key)), { action }, `key ${JSON.stringify(key)}`);
  }
});

test('digits 1 to 9 apply the n-th framework tag, 0 does nothing', () => {
  for (let n = 1; n <= 9; n++) assert.deepEqual(keys.playerAction(press(String(n))), { action: 'applyTag', n });
  assert.equal(keys.playerAction(press('0')), null);
});

test('no shortcut fires with Ctrl, Alt or Meta held', () => {
  for (const modifier of ['ctrlKey', 'altKey', 'metaKey']) {
    assert.equal(keys.playerAction(press('k', { [modifier]: true })), null, modifier);
    assert.equal(keys.playerAction(press('c', { [modifier]: true })), null, modifier);
  }
});

test('no shortcut fires while typing in a text field, a text area, a select or an editable element', () => {
  const targets = [
    { tagName: 'INPUT', type: 'text' }, { tagName: 'INPUT', type: 'search' }, { tagName: 'INPUT' }, { tagName: 'TEXTAREA' },
    { tagName: 'SELECT' }, { tagName: 'DIV', isContentEditable: true }, { tagName: 'DIV', getAttribute: (n) => (n === 'role' ? 'textbox' : null) },
  ];
  for (const target of targets) {
    for (const key of ['k', ' ', 'c', '1', 'ArrowLeft', '?']) assert.equal(keys.playerAction(press(key, { target })), null, `${key} in ${JSON.stringify(target)}`);
  }
  assert.deepEqual(keys.playerAction(press('k', { target: { tagName: 'INPUT', type: 'checkbox' } })), { action: 'togglePlay' });
});

test('Space and Enter on a focused button press the button, other keys still work there', () => {
  const button = { tagName: 'BUTTON' };
  assert.equal(keys.playerAction(press(' ', { target: button })), null);
  assert.equal(keys.playerAction(press('Enter', { target: button })), null);
  assert.deepEqual(keys.playerAction(press('j', { target: button })), { action: 'back10' });
});

test('inside the comment box only Ctrl+Enter (or Cmd+Enter) posts and Esc cancels', () => {
  const box = { tagName: 'TEXTAREA' };
  assert.deepEqual(keys.composerAction(press('Enter', { ctrlKey: true, target: box })), { action: 'post' });
  assert.deepEqual(keys.composerAction(press('Enter', { metaKey: true, target: box })), { action: 'post' });
  assert.equal(keys.composerAction(press('Enter', { target: box })), null, 'a plain Enter is a new line');
  assert.deepEqual(keys.composerAction(press('Escape', { target: box })), { action: 'cancel' });
  assert.equal(keys.composerAction(press('Escape', { ctrlKey: true, target: box })), null);
  assert.equal(keys.composerAction(press('k', { target: box })), null);
});

test('the help lists every binding once, with words for each', () => {
  const actions = keys.PLAYER_KEYS.map((b) => b.action);
  assert.equal(new Set(actions).size, actions.length);
  for (const b of [...keys.PLAYER_KEYS, ...keys.COMPOSER_KEYS]) assert.ok(b.shown && b.does, JSON.stringify(b));
});

test('500 comments on a 1000 px strip group into markers at least the gap apart, losing none', () => {
  const points = Array.from({ length: 500 }, (_, i) => ({ id: `c${i}`, startMs: Math.round((i * i) % 3_600_000), color: i % 2 ? '#ff0000' : '#00ff00' }))
    .sort((a, b) => a.startMs - b.startMs);
  const started = performance.now();
  const groups = layout.groupMarkers(points, 3_600_000, 1000, 14);
  const took = performance.now() - started;
  assert.equal(groups.reduce((n, g) => n + g.ids.length, 0), 500);
  assert.ok(groups.length < 1000 / 14 + 1, `${groups.length} groups fit on 1000 px`);
  assert.ok(took < 20, `grouping took ${took} ms`);
  for (let i = 1; i < groups.length; i++) assert.ok(groups[i].firstMs >= groups[i - 1].lastMs);
});

test('markers far apart stay single with their own colour; mixed colours make a neutral group', () => {
  const groups = layout.groupMarkers([
    { id: 'a', startMs: 0, color: '#111111' }, { id: 'b', startMs: 100, color: '#222222' }, { id: 'c', startMs: 50_000, color: '#333333' },
  ], 100_000, 1000, 14);
  assert.deepEqual(groups.map((g) => g.ids), [['a', 'b'], ['c']]);
  assert.equal(groups[0].color, null);
  assert.equal(groups[1].color, '#333333');
  assert.equal(groups[1].x, 500);
});

test('overlapping ranges take separate lanes and short ones stay visible', () => {
  const bars = layout.layoutBars([
    { id: 'a', startMs: 0, endMs: 10_000, color: 'x' }, { id: 'b', startMs: 5_000, endMs: 8_000, color: 'x' },
    { id: 'c', startMs: 20_000, endMs: 20_010, color: 'x' },
  ], 100_000, 1000, 2, 4);
  assert.deepEqual(bars.map((b) => b.lane), [0, 1, 0]);
  assert.equal(bars[2].width, 4);
  assert.equal(bars[0].width, 100);
});

test('the time under the pointer is clamped to the strip, and the playing item is found by binary search', () => {
  assert.equal(layout.timeAt(150, 100, 200, 60_000), 15_000);
  assert.equal(layout.timeAt(50, 100, 200, 60_000), 0);
  assert.equal(layout.timeAt(400, 100, 200, 60_000), 60_000);
  const items = [{ startMs: 1000 }, { startMs: 2000 }, { startMs: 2000 }, { startMs: 9000 }];
  assert.equal(layout.lastStartedAt(items, 500), -1);
  assert.equal(layout.lastStartedAt(items, 2000), 2);
  assert.equal(layout.lastStartedAt(items, 100_000), 3);
});

test('# and @ open completion only at the start of a word, and choosing replaces the token', () => {
  assert.deepEqual(completion.tokenAt('Nice #Ques', 10), { trigger: '#', query: 'Ques', start: 5, end: 10 });
  assert.deepEqual(completion.tokenAt('@Ad', 3), { trigger: '@', query: 'Ad', start: 0, end: 3 });
  assert.equal(completion.tokenAt('mail me at ada@school', 21), null);
  assert.equal(completion.tokenAt('no trigger here', 15), null);
  const token = completion.tokenAt('Good wait time #Ques', 20);
  assert.deepEqual(completion.replaceToken('Good wait time #Ques', token, ''), { text: 'Good wait time ', caret: 15 });
  const mention = completion.tokenAt('Thanks @ad', 10);
  assert.deepEqual(completion.replaceToken('Thanks @ad', mention, '@Ada Teacher'), { text: 'Thanks @Ada Teacher ', caret: 20 });
  const options = [{ name: 'Student engagement' }, { name: 'Questioning' }, { name: 'Classroom routines' }];
  assert.deepEqual(completion.filterOptions(options, 'en').map((o) => o.name), ['Student engagement']);
  assert.deepEqual(completion.filterOptions(options, 'e').map((o) => o.name), ['Student engagement', 'Questioning', 'Classroom routines']);
});

test('the thumbnail track resolves each tile to its sprite and finds the tile of a time', () => {
  const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nsprite_0.jpg#xywh=0,0,160,90\n\n00:00:02.000 --> 00:00:04.000\nsprite_0.jpg#xywh=160,0,160,90\n\n00:01:04.000 --> 00:01:06.000\nsprite_1.jpg#xywh=0,90,160,90\n';
  const tiles = thumbnails.parseThumbnails(vtt, 'http://host/api/recordings/r/media/thumbnails.vtt');
  assert.equal(tiles.length, 3);
  assert.deepEqual(tiles[2], { startMs: 64_000, endMs: 66_000, url: 'http://host/api/recordings/r/media/sprite_1.jpg', x: 0, y: 90, w: 160, h: 90 });
  assert.equal(thumbnails.thumbnailAt(tiles, 2500).x, 160);
  assert.equal(thumbnails.thumbnailAt(tiles, 65_000).url.endsWith('sprite_1.jpg'), true);
  assert.equal(thumbnails.thumbnailAt(tiles, 30_000), null);
});

test('waveform peaks (audiowaveform v2) become one height per pixel column', () => {
  const doc = { version: 2, channels: 1, sample_rate: 8000, samples_per_pixel: 80, bits: 8, length: 4, data: [-10, 10, -128, 127, 0, 0, -64, 32] };
  const parsed = peaks.parsePeaks(doc);
  assert.equal(parsed.length, 4);
  assert.deepEqual([...peaks.columnHeights(parsed, 2)], [1, 0.5]);
  assert.deepEqual([...peaks.columnHeights(parsed, 4)].map((h) => Math.round(h * 100)), [8, 100, 0, 50]);
  assert.equal(peaks.parsePeaks({ data: 'nope' }), null);
});
