// The library's statuses from the live channel, in Chromium: a coach's list gains a lesson the
// moment it is shared and loses it the moment the share is revoked (nothing polls a list with
// nothing moving in it: only the channel can say so), and a teacher's open library shows a new
// lesson's processing reach ready without a reload.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';

import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';
import { bundledFfmpeg, makeLessonVideo, uploadSource } from './support/media.mjs';
import { sharedLesson } from './support/review.mjs';

async function signedIn(browser, url, user) {
  const person = await newPerson(browser);
  await person.page.goto(`${url}/recordings`);
  await signInThroughForm(person.page, user.email, user.password);
  person.forgetProblems(); // the 401 of GET /api/me before signing in
  const lists = [];
  person.page.on('request', (request) => new URL(request.url()).pathname === '/api/recordings' && request.method() === 'GET' && lists.push(Date.now()));
  return { ...person, lists };
}

test('library statuses and shares arrive over the live channel', { skip: browserSkipReason(), timeout: 10 * 60 * 1000 }, async (t) => {
  const { server, browser, logFile, passed } = await startApp(t);
  const work = dirname(logFile);
  const lesson = await sharedLesson({ server, work, logFile, seconds: 6, size: '640x360' });
  const { recording, teacherSession, coach } = lesson;

  const coachView = await signedIn(browser, server.url, coach);
  const row = coachView.page.getByRole('listitem').filter({ hasText: 'Fractions, period 3' });
  await row.waitFor();
  await coachView.page.waitForTimeout(500);

  const revokedAt = Date.now();
  await teacherSession.request('DELETE', `/api/recordings/${recording.id}/shares/${coach.id}`, undefined, 204);
  await row.waitFor({ state: 'detached', timeout: 3000 });
  t.diagnostic(`the revoked lesson left the coach's list ${Date.now() - revokedAt} ms after the revocation`);
  const sharedAt = Date.now();
  await teacherSession.post(`/api/recordings/${recording.id}/shares`, { userId: coach.id, permission: 'view' }, 201);
  await row.waitFor({ timeout: 3000 });
  t.diagnostic(`the shared lesson reached the coach's list ${Date.now() - sharedAt} ms after the share`);
  assert.ok(coachView.lists.length <= 4, `the list was read only when the channel said so (${coachView.lists.length} times)`);
  await checkScreen(coachView, 'library-coach-live');

  // The teacher's library, open while a new lesson is uploaded elsewhere (another device) and processed.
  const teacherView = await signedIn(browser, server.url, lesson.teacher);
  await teacherView.page.getByRole('heading', { name: 'My lessons' }).waitFor();
  const created = await teacherSession.post('/api/recordings', { title: 'Ratios, period 5', lessonDate: '2026-11-27' }, 201);
  const video = join(work, 'second.mp4');
  await makeLessonVideo(bundledFfmpeg(logFile), video, { seconds: 20, size: '1280x720' });
  const statuses = teacherView.page.evaluate(() => new Promise((resolve) => {
    const seen = [];
    const note = () => {
      const item = [...document.querySelectorAll('li')].find((li) => li.textContent.includes('Ratios, period 5'));
      const badge = item?.querySelector('.badge')?.textContent;
      if (badge && seen.at(-1) !== badge) seen.push(badge);
      if (badge === 'Ready') resolve(seen);
    };
    new MutationObserver(note).observe(document.body, { childList: true, subtree: true, characterData: true });
  }));
  await uploadSource(teacherSession, created.id, video, 'tablet.mp4');
  const seen = await statuses;
  t.diagnostic(`the teacher's library showed ${seen.join(' → ')}, reading the list ${teacherView.lists.length} times`);
  assert.equal(seen.at(-1), 'Ready');
  assert.ok(seen.some((s) => /^Processing \d+%$/.test(s)), 'processing showed with its percentage');
  assert.ok(teacherView.lists.length < seen.length, 'more statuses shown than lists read: the events moved them');
  await checkScreen(teacherView, 'library-teacher-live');
  passed();
});
