// The review page's comment list with hundreds of comments, in Chromium: only the rows near the
// view are in the page, yet screen readers hear the whole count, keyboard focus survives scrolling
// far away, the comment playing is highlighted and followed until the person scrolls (and, while
// the playhead is dragged, until it is let go), and a
// comment posted meanwhile by someone else shows live (or, with the socket refused, at the next
// poll), and deleting the recording ends the page.
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { test } from 'node:test';

import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';
import { sharedLesson } from './support/review.mjs';

const COMMENTS = 400;

/** The list's rows in the page, its count as the rows announce it, and the current row's place in the list's view. */
function listState(page) {
  return page.evaluate(() => {
    const list = document.querySelector('ol[aria-label="Comments and clips in time order"]');
    const rows = list.querySelectorAll(':scope > [id^="item-"]');
    const current = list.querySelector('[aria-current]');
    const box = list.getBoundingClientRect();
    const at = current?.getBoundingClientRect();
    return {
      rows: rows.length,
      setSize: Number(rows[0]?.getAttribute('aria-setsize')),
      firstPos: Number(rows[0]?.getAttribute('aria-posinset')),
      scrollTop: list.scrollTop,
      current: current ? { text: current.textContent, inView: at.top >= box.top - 1 && at.top < box.bottom - 20 } : null,
    };
  });
}

test('a long comment list is windowed, keeps focus, follows playback and takes live comments',
  { skip: browserSkipReason(), timeout: 10 * 60 * 1000 }, async (t) => {
    const { server, browser, logFile, passed } = await startApp(t);
    const lesson = await sharedLesson({ server, work: dirname(logFile), logFile, seconds: 40, size: '640x360' });
    const { recording, coachSession, teacherSession } = lesson;
    const duration = recording.media.durationMs;
    const jobs = Array.from({ length: COMMENTS }, (_, i) => () => coachSession.post(`/api/recordings/${recording.id}/comments`, {
      startMs: 1000 + Math.floor((i / COMMENTS) * (duration - 3000)), endMs: null, body: `Moment ${i + 1}`, tagIds: [], visibility: 'shared',
    }, 201));
    for (let i = 0; i < jobs.length; i += 16) await Promise.all(jobs.slice(i, i + 16).map((job) => job()));

    const coach = await newPerson(browser);
    const { page } = coach;
    await page.goto(`${server.url}/recordings/${recording.id}`);
    await signInThroughForm(page, lesson.coach.email, lesson.coach.password);
    coach.forgetProblems(); // the 401 of GET /api/me before signing in
    await page.getByRole('heading', { name: `Comments ${COMMENTS}` }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    let state = await listState(page);
    t.diagnostic(`${state.rows} of ${COMMENTS} rows in the page`);
    assert.ok(state.rows > 5 && state.rows < 60, `${state.rows} rows rendered`);
    assert.deepEqual([state.setSize, state.firstPos], [COMMENTS, 1], 'each row says its place in the whole list');
    await checkScreen(coach, 'review-long-list');

    // Focus on the first comment's time, then the list scrolled to its end: focus stays where it was.
    const first = page.getByRole('button', { name: 'Go to 0:01' }).first();
    await first.focus();
    await page.evaluate(() => {
      window.__focused = document.activeElement;
      const list = document.querySelector('ol[aria-label="Comments and clips in time order"]');
      list.scrollTop = list.scrollHeight;
    });
    await page.getByText(`Moment ${COMMENTS}`, { exact: true }).waitFor();
    assert.ok(await page.evaluate(() => window.__focused.isConnected && document.activeElement === window.__focused), 'the focused button is still in the page, focused');
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.activeElement.closest('[id^="item-"]')?.textContent.includes('Moment')), 'Tab goes on within the list');

    // The comment playing is highlighted and brought into view: at the end, then in the middle.
    const slider = page.getByRole('slider', { name: 'Position in the lesson' });
    await slider.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    const middle = Number(await slider.getAttribute('aria-valuenow'));
    await page.waitForFunction(() => document.querySelector('[aria-current]'));
    state = await listState(page);
    assert.ok(state.current?.inView, `the current comment is in view at ${middle} s: ${JSON.stringify(state.current)}`);
    const moment = Number(/Moment (\d+)/.exec(state.current.text)[1]);
    const expected = ((middle * 1000 - 1000) / (duration - 3000)) * COMMENTS;
    assert.ok(Math.abs(moment - expected) < COMMENTS / 20, `comment ${moment} is current at ${middle} s (about ${expected.toFixed(0)})`);

    // Scrolled by the person, the list stays put while playback moves, until they ask it to follow.
    const list = page.getByRole('list', { name: 'Comments and clips in time order' });
    await list.hover();
    await page.mouse.wheel(0, -400);
    await page.getByRole('button', { name: 'Follow playback' }).waitFor();
    const held = (await listState(page)).scrollTop;
    await slider.focus();
    await page.keyboard.press('End');
    await page.waitForTimeout(300);
    assert.equal((await listState(page)).scrollTop, held, 'the list did not move');
    await page.getByRole('button', { name: 'Follow playback' }).click();
    await page.waitForFunction(() => {
      const list = document.querySelector('ol[aria-label="Comments and clips in time order"]');
      const current = list.querySelector('[aria-current]');
      return current && current.textContent.includes(`Moment`) && current.getBoundingClientRect().top < list.getBoundingClientRect().bottom;
    });
    assert.ok((await listState(page)).current.inView, 'following again shows the comment playing');

    // The teacher comments at the end meanwhile: it shows where the coach is, without a reload.
    await teacherSession.post(`/api/recordings/${recording.id}/comments`, {
      startMs: duration - 1500, endMs: null, body: 'A late thought from the teacher', tagIds: [], visibility: 'shared',
    }, 201);
    await page.getByText('A late thought from the teacher').waitFor({ timeout: 5000 });
    await page.getByRole('heading', { name: `Comments ${COMMENTS + 1}` }).waitFor();
    assert.equal(await page.getByText('The video stopped loading').count(), 0, 'a seek to the end keeps the video playable');
    await checkScreen(coach, 'review-long-list-end');

    // The playhead dragged along the timeline: the list waits until it is let go, then shows the comment there.
    const strip = await slider.boundingBox();
    const y = strip.y + strip.height / 2;
    const beforeDrag = (await listState(page)).scrollTop;
    await page.mouse.move(strip.x + 2, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(strip.x + 2 + ((strip.width / 2 - 2) * i) / 10, y);
    await page.waitForTimeout(300);
    assert.equal((await listState(page)).scrollTop, beforeDrag, 'the list stays put while the playhead is dragged');
    await page.mouse.up();
    await page.waitForFunction((held) => {
      const list = document.querySelector('ol[aria-label="Comments and clips in time order"]');
      const current = list.querySelector('[aria-current]');
      const box = list.getBoundingClientRect();
      return list.scrollTop !== held && current && current.getBoundingClientRect().top >= box.top - 1 && current.getBoundingClientRect().top < box.bottom - 20;
    }, beforeDrag);
    const dropped = Number(/Moment (\d+)/.exec((await listState(page)).current.text)[1]);
    assert.ok(Math.abs(dropped - COMMENTS / 2) < COMMENTS / 10, `comment ${dropped} is current where the playhead was let go (about ${COMMENTS / 2})`);

    // The teacher's page without a live channel (every socket refused) reads the timeline every few seconds instead.
    const teacher = await newPerson(browser);
    await teacher.context.routeWebSocket(/\/api\/live$/, (socket) => socket.close({ code: 1011, reason: 'refused by the test' }));
    await teacher.page.goto(`${server.url}/recordings/${recording.id}`);
    await signInThroughForm(teacher.page, lesson.teacher.email, lesson.teacher.password);
    await teacher.page.getByText('Refreshes every few seconds').waitFor();
    const polls = [];
    teacher.page.on('request', (request) => request.url().endsWith('/timeline') && polls.push(request.url()));
    await coachSession.post(`/api/recordings/${recording.id}/comments`, {
      startMs: 500, endMs: null, body: 'Seen without the socket', tagIds: [], visibility: 'shared',
    }, 201);
    await teacher.page.getByText('Seen without the socket').waitFor({ timeout: 15_000 });
    assert.ok(polls.length >= 1, 'it came with a read of the timeline');
    assert.equal(await teacher.page.getByText('Live', { exact: true }).count(), 0, 'the page never said it was live');
    await teacher.close();

    // The teacher deletes the recording: the coach's open player ends at once, over the channel.
    const reads = [];
    page.on('request', (request) => request.url().endsWith('/timeline') && reads.push(request.url()));
    await teacherSession.request('DELETE', `/api/recordings/${recording.id}`, undefined, 204);
    await page.getByText('The teacher deleted this recording.').waitFor({ timeout: 3000 });
    assert.equal(await page.locator('video').count(), 0, 'the player is gone');
    assert.deepEqual(reads, [], 'the channel said so; no poll of the timeline was needed');
    coach.forgetProblems(); // media requests cut off by the deletion may have logged
    await checkScreen(coach, 'review-deleted');
    passed();
  });
