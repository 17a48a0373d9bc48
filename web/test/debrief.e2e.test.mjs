// The live debrief in two Chromium contexts, a teacher and a coach: the teacher starts a debrief
// from her review page, the coach joins by its link, and their two players stay within 250 ms of
// each other through play, pause, seek and rate changes (both videos sampled at the same wall
// moment: performance.timeOrigin + now() is the machine's clock in both pages); the coach's
// comment with an arrow drawn on the paused frame reaches the teacher, her laser pointer shows on
// his frame, the drawing shows again on the normal review page, revoking the share ends the coach's
// room with the explanation, and the teacher ends the debrief with a next step for her goal.
//
// It runs twice: on one server, and with the teacher on node A and the coach on node B of two
// clustered server processes (`startTwoNodes`), each person joining through their node's URL
// (`debriefPair(browser, [teacherUrl, coachUrl], …)`).
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { test } from 'node:test';

import { browserSkipReason, startApp, startTwoNodes, twoNodeSkipReason } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';
import { sharedLesson } from './support/review.mjs';

const TARGET_MS = 250;
const COMMENT = 'Look where the arrow points: three hands up before she calls on anyone';
const NEXT_STEP = 'Count to five in my head before calling on anyone';

/** A person signed in through the form at `link` (on their node), waiting for `heading`. */
async function openAs(browser, link, user) {
  const person = await newPerson(browser, { viewport: { width: 1280, height: 900 } });
  await person.page.goto(link);
  await signInThroughForm(person.page, user.email, user.password);
  return person;
}

/**
 * The teacher opens her lesson on `urls[0]` and starts a debrief from the review page; the coach
 * follows the room's link on `urls[1]`. Both pages then show the live room.
 */
export async function debriefPair(browser, urls, { teacher, coach, recording }) {
  const teacherView = await openAs(browser, `${urls[0]}/recordings/${recording.id}`, teacher);
  const tp = teacherView.page;
  await tp.getByRole('button', { name: 'Start a debrief' }).click();
  const dialog = tp.getByRole('dialog', { name: 'Start a debrief' });
  await dialog.getByLabel('Title').fill('Wait time debrief');
  await dialog.getByRole('button', { name: 'Start the debrief' }).click();
  await tp.waitForURL(/\/debriefs\/[0-9a-f-]+$/);
  const debriefId = new URL(tp.url()).pathname.split('/').pop();
  const coachView = await openAs(browser, `${urls[1]}/debriefs/${debriefId}`, coach);
  for (const { page } of [teacherView, coachView]) {
    await page.getByRole('heading', { name: 'Wait time debrief' }).waitFor();
    await page.getByText('Live debrief', { exact: true }).waitFor();
  }
  return { teacherView, coachView, debriefId };
}

/** Both videos' positions at one wall moment (about 300 ms from now), in ms; `playing` when both play. */
async function positionsAtOnce(pages) {
  const at = Date.now() + 300;
  const samples = await Promise.all(pages.map((page) => page.evaluate(async (target) => {
    const now = () => performance.timeOrigin + performance.now();
    while (now() < target - 8) await new Promise((r) => setTimeout(r, Math.max(0, target - now() - 8)));
    while (now() < target) { /* the last few ms spun, so both read at the same instant */ }
    const taken = now();
    const video = document.querySelector('video');
    return { taken, target, ms: video.currentTime * 1000, paused: video.paused, rate: video.playbackRate };
  }, at)));
  // A read a little late is moved back to the agreed instant.
  return samples.map((s) => ({ ...s, ms: s.paused ? s.ms : s.ms - (s.taken - s.target) * s.rate }));
}

/** Samples both players `count` times over about `overMs`; the largest gap seen and the last positions. */
async function measureGap(pages, { count = 6, overMs = 3000 } = {}) {
  let worst = 0;
  let last;
  const seen = [];
  for (let i = 0; i < count; i++) {
    last = await positionsAtOnce(pages);
    seen.push(`${last[0].ms.toFixed(0)}/${last[1].ms.toFixed(0)}`);
    worst = Math.max(worst, Math.abs(last[0].ms - last[1].ms));
    await pages[0].waitForTimeout(overMs / count);
  }
  return { worst, last, seen: seen.join(' ') };
}

/** Waits until both videos are in the state asked for (playing or paused), then a little for the room to settle. */
async function bothVideos(pages, { paused }) {
  for (const page of pages) {
    await page.waitForFunction((want) => {
      const v = document.querySelector('video');
      return v && v.paused === want && !v.seeking && v.readyState >= 2;
    }, paused, { timeout: 20_000 });
  }
  await pages[0].waitForTimeout(600);
}

/** The frame's drawing layer box and an SVG path's first point as fractions of it. */
async function firstPointOfDrawing(page) {
  return page.evaluate(() => {
    const layer = document.querySelector('.shape-layer');
    const path = layer?.querySelector('path, rect, polyline');
    if (!layer || !path) return null;
    const box = layer.getBoundingClientRect();
    const d = path.getAttribute('d') ?? '';
    const [x, y] = d.slice(1).split(/[ ,L]/).map(Number);
    return [x / box.width, y / box.height];
  });
}

/** Drags on the frame from one fraction to another (a drawing tool is selected). */
async function dragOnFrame(page, from, to) {
  const box = await page.locator('.shape-layer').boundingBox();
  const point = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  await page.mouse.move(...point(from));
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(...point([from[0] + ((to[0] - from[0]) * i) / 8, from[1] + ((to[1] - from[1]) * i) / 8]));
  await page.mouse.up();
}

/**
 * The whole debrief, with the teacher on `urls[0]` and the coach on `urls[1]`; `server` is the node
 * the API set-up talks to. Reports the largest gap per step under `where`; screenshots end in `screens`.
 */
async function debriefBetween(t, { server, browser, logFile, urls, where, screens = '' }) {
  const lesson = await sharedLesson({ server, work: dirname(logFile), logFile, seconds: 40 });
  const { teacher, coach, recording, teacherSession } = lesson;
  const goal = await teacherSession.post('/api/goals', { statement: 'Give every student time to think before answering' }, 201);
  const shot = (person, name) => checkScreen(person, `${name}${screens}`);
  const { teacherView, coachView, debriefId } = await debriefPair(browser, urls, lesson);
  const tp = teacherView.page;
  const cp = coachView.page;
  const pages = [tp, cp];
  const gaps = {};
  // Each player's stalls ('waiting' events), reported with the gaps: a stall is what moves a player off the room.
  for (const page of pages) {
    await page.evaluate(() => {
      window.stalls = [];
      document.querySelector('video').addEventListener('waiting', (e) => window.stalls.push(Math.round(e.target.currentTime * 1000)));
    });
  }

  // Presence: both here; the teacher's room lists the coach.
  await tp.getByRole('region', { name: 'In the room' }).getByText('Cory Coach').waitFor();
  await cp.getByRole('region', { name: 'In the room' }).getByText('Ada Teacher').waitFor();
  await shot(coachView, 'debrief-coach-joined');
  // On a 768 px tablet the room fits its width, and its controls stay in reach.
  await cp.setViewportSize({ width: 768, height: 1024 });
  assert.ok(await cp.evaluate(() => document.documentElement.scrollWidth <= 768), 'nothing wider than the tablet');
  await cp.getByRole('region', { name: 'In the room' }).getByText('Ada Teacher').waitFor();
  await shot(coachView, 'debrief-coach-768');
  await cp.setViewportSize({ width: 1280, height: 900 });

  // Play (the teacher), and both run together.
  await tp.getByRole('button', { name: 'Play for everyone' }).click();
  await bothVideos(pages, { paused: false });
  const samples = {};
  const measured = async (step, options) => {
    const m = await measureGap(pages, options);
    gaps[step] = m.worst;
    samples[step] = m.seen;
    return m;
  };
  await measured('play');
  await cp.getByText('Ada Teacher is driving').waitFor();

  // Seek (the coach, with the slider), while playing.
  await cp.getByRole('slider', { name: 'Position in the lesson' }).fill('10000');
  for (const page of pages) {
    await page.waitForFunction(() => Math.abs(document.querySelector('video').currentTime - 10.5) < 1, null, { timeout: 10_000 });
  }
  await bothVideos(pages, { paused: false });
  await measured('seek');

  // Rate 1.5× (the teacher).
  await tp.getByRole('combobox', { name: 'Speed' }).selectOption('1.5');
  await cp.waitForFunction(() => Math.abs(document.querySelector('video').playbackRate - 1.5) < 0.2, null, { timeout: 10_000 });
  await bothVideos(pages, { paused: false });
  await measured('rate');

  // Pause (the coach, by keyboard: K), on the same frame.
  await cp.keyboard.press('k');
  for (const page of pages) await page.getByRole('button', { name: 'Play for everyone' }).waitFor({ timeout: 5000 });
  await bothVideos(pages, { paused: true });
  const paused = await measured('pause', { count: 3, overMs: 600 });
  const worst = Math.max(...Object.values(gaps));
  t.diagnostic(`${where}: largest gap between the two players: ${worst.toFixed(0)} ms (play ${gaps.play.toFixed(0)}, seek ${gaps.seek.toFixed(0)}, rate ${gaps.rate.toFixed(0)}, pause ${gaps.pause.toFixed(0)})`);
  for (const [step, seen] of Object.entries(samples)) t.diagnostic(`${where}, ${step}: teacher/coach ms ${seen}`);
  const [teacherStalls, coachStalls] = await Promise.all(pages.map((page) => page.evaluate(() => window.stalls.join(' '))));
  t.diagnostic(`${where}: the players stalled at (ms) teacher [${teacherStalls}], coach [${coachStalls}]`);
  for (const [step, gap] of Object.entries(gaps)) assert.ok(gap <= TARGET_MS, `${where}, ${step}: the players were ${gap.toFixed(0)} ms apart`);
  assert.ok(paused.worst < 20, `paused on the same frame (${paused.worst.toFixed(1)} ms apart)`);
  const pausedAtMs = paused.last[0].ms;

  // The coach draws an arrow on the paused frame; the teacher sees it as he draws, then with his comment.
  await cp.getByRole('button', { name: 'Arrow' }).click();
  await dragOnFrame(cp, [0.25, 0.3], [0.6, 0.7]);
  await tp.getByRole('img', { name: 'Drawing: 1 arrow' }).waitFor({ timeout: 10_000 });
  const seen = await firstPointOfDrawing(tp);
  assert.ok(seen && Math.abs(seen[0] - 0.25) < 0.02 && Math.abs(seen[1] - 0.3) < 0.02, `the arrow starts where he drew it: ${seen}`);
  await cp.getByRole('textbox', { name: /^Comment at / }).fill(COMMENT);
  await cp.getByText('Drawing: 1 arrow, saved with this comment').waitFor();
  await cp.getByRole('button', { name: 'Post comment' }).click();
  const teacherComments = tp.getByRole('list', { name: 'Comments in time order' });
  const row = teacherComments.getByRole('listitem').filter({ hasText: COMMENT });
  await row.waitFor({ timeout: 10_000 });
  await row.getByText('Drawing: 1 arrow').waitFor();
  await cp.getByRole('list', { name: 'Comments in time order' }).getByText(COMMENT).waitFor();
  await shot(teacherView, 'debrief-teacher-drawing');

  // The teacher's laser pointer shows on the coach's frame, where she points.
  await tp.getByRole('button', { name: 'Laser pointer' }).click();
  const frame = await tp.locator('.shape-layer').boundingBox();
  await tp.mouse.move(frame.x + 0.7 * frame.width, frame.y + 0.2 * frame.height);
  await tp.mouse.move(frame.x + 0.72 * frame.width, frame.y + 0.22 * frame.height);
  const laser = cp.getByRole('img', { name: 'Ada Teacher is pointing here' });
  await laser.waitFor({ timeout: 10_000 });
  const [dot, coachFrame] = await Promise.all([laser.boundingBox(), cp.locator('.shape-layer').boundingBox()]);
  const fx = (dot.x + dot.width / 2 - coachFrame.x) / coachFrame.width;
  const fy = (dot.y + dot.height / 2 - coachFrame.y) / coachFrame.height;
  assert.ok(Math.abs(fx - 0.72) < 0.03 && Math.abs(fy - 0.22) < 0.03, `the pointer is where she points: ${fx.toFixed(3)}, ${fy.toFixed(3)}`);
  await shot(coachView, 'debrief-coach-pointer');

  // The drawing is saved with the comment: the normal review page shows it on that frame.
  const timeline = await teacherSession.get(`/api/recordings/${recording.id}/timeline`);
  const saved = timeline.threads.find((c) => c.body === COMMENT);
  assert.ok(saved, 'the room comment is a normal comment');
  assert.equal(saved.drawings?.length, 1);
  assert.equal(saved.drawings[0].kind, 'arrow');
  assert.ok(Math.abs(saved.startMs - pausedAtMs) < 300, `at the paused frame (${saved.startMs} vs ${pausedAtMs.toFixed(0)} ms)`);
  const reviewer = await openAs(browser, `${urls[0]}/recordings/${recording.id}`, teacher);
  await reviewer.page.getByRole('listitem').filter({ hasText: COMMENT }).getByRole('button', { name: /^Go to / }).click();
  await reviewer.page.getByRole('img', { name: 'Drawing: 1 arrow' }).waitFor({ timeout: 10_000 });
  await shot(reviewer, 'review-drawing-on-frame');
  await reviewer.close();

  // The teacher revokes the share: the coach is removed from the room at once, and told why.
  await teacherSession.request('DELETE', `/api/recordings/${recording.id}/shares/${coach.id}`);
  const revokedAt = Date.now();
  await cp.getByText('Your access ended.').waitFor({ timeout: 10_000 });
  t.diagnostic(`${where}: the coach's room ended ${Date.now() - revokedAt} ms after the revocation`);
  await cp.getByText(/stopped sharing this lesson with you/).waitFor();
  assert.equal(await cp.locator('video').count(), 0, 'the player is gone');
  coachView.forgetProblems();
  await shot(coachView, 'debrief-coach-access-ended');

  // The teacher ends the debrief with a next step for her goal; the summary is printable.
  await tp.getByRole('button', { name: 'End debrief' }).click();
  const end = tp.getByRole('dialog', { name: 'End the debrief' });
  await end.getByLabel(`Next step for “${goal.statement}”`).fill(NEXT_STEP);
  await shot(teacherView, 'debrief-end-dialog');
  await end.getByRole('button', { name: 'End debrief for everyone' }).click();
  await tp.getByText('The debrief has ended.').waitFor({ timeout: 10_000 });
  await tp.getByRole('region', { name: 'Summary' }).getByText(NEXT_STEP).waitFor();
  const printable = await tp.getByRole('link', { name: 'Printable summary' }).getAttribute('href');
  assert.equal(printable, `/api/debriefs/${debriefId}/summary.html`);
  const html = await tp.evaluate(async (href) => (await fetch(href)).text(), printable);
  assert.ok(html.includes(NEXT_STEP), 'the printable summary has the next step');
  await shot(teacherView, 'debrief-teacher-summary');
}

const TITLE = 'two people in a debrief stay within 250 ms, see each other\'s comments, drawings and pointer; a revoke ends the coach\'s room';

test(`${TITLE} (one node)`, { skip: browserSkipReason(), timeout: 10 * 60 * 1000 }, async (t) => {
  const { server, browser, logFile, passed } = await startApp(t);
  await debriefBetween(t, { server, browser, logFile, urls: [server.url, server.url], where: 'one node' });
  passed();
});

// The same with the teacher on node A and the coach on node B: two server processes clustered over
// loopback, one database, one object store. Every room message between them crosses the cluster.
test(`${TITLE} (teacher and coach on two nodes)`, { skip: twoNodeSkipReason(), timeout: 10 * 60 * 1000 }, async (t) => {
  const { nodes: [a, b], browser, logFile, passed } = await startTwoNodes(t);
  await debriefBetween(t, { server: a, browser, logFile, urls: [a.url, b.url], where: 'two nodes', screens: '-two-nodes' });
  passed();
});
