// The library, upload and coach home as people use them, in Chromium against the real server:
// a teacher uploads a generated lesson through the file picker and watches it become ready with
// its poster; a non-video file is refused before a byte is sent; a reload in the middle of an
// upload continues from the server's offset; a file that is no video ends failed with its reason
// and a retry; the coach finds the shared lesson, new ones first, beside the teacher's open goals.
import assert from 'node:assert/strict';
import { open, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { ApiSession, bootstrapAdmin } from './support/api.mjs';
import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';
import { sha256OfFile, writePseudoRandomFile } from './support/files.mjs';
import { bundledFfmpeg, makeLessonVideo } from './support/media.mjs';
import { forgetResumeAnswers, recordRequests, serverOffset, throttle, waitFor, waitForStableOffset } from './support/uploads.mjs';

const MAX_UPLOAD = 64 * 1024 * 1024;
const RESUME_BYTES = 24 * 1024 * 1024;
const TABLET = { viewport: { width: 768, height: 1024 }, hasTouch: true };
const PHONE = { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true };
const teacher = { email: 'lib.teacher@school.example', displayName: 'Tess Teacher', role: 'teacher', password: 'a long enough password' };
const coach = { email: 'lib.coach@school.example', displayName: 'Cole Coach', role: 'coach', password: 'another long password' };

test('library, upload and coach home in the browser', { skip: browserSkipReason(), timeout: 20 * 60 * 1000 }, async (t) => {
  const { server, browser, logFile, passed } = await startApp(t, { env: { LESSONLOOP_UPLOAD_MAX_BYTES: String(MAX_UPLOAD) } });
  const work = await mkdtemp(join(tmpdir(), 'lessonloop-library-e2e-'));
  t.after(() => rm(work, { recursive: true, force: true }));

  const admin = await ApiSession.signIn(server.url, bootstrapAdmin.email, bootstrapAdmin.password);
  const teacherId = (await admin.invite(teacher)).id;
  const coachId = (await admin.invite(coach)).id;
  await admin.post('/api/pairs', { coachId, teacherId }, 201);
  const teacherApi = await ApiSession.signIn(server.url, teacher.email, teacher.password);

  const person = await newPerson(browser);
  const { page } = person;
  const requests = recordRequests(page);
  let failures = 0;
  const step = (name, body) => t.test(name, async () => {
    try {
      await body();
    } catch (err) {
      failures++;
      throw err;
    }
  });

  await step('an empty library explains how to start', async () => {
    await page.goto(`${server.url}/`);
    await signInThroughForm(page, teacher.email, teacher.password);
    await page.waitForURL(`${server.url}/recordings`);
    await page.getByRole('heading', { name: 'Start with your first lesson' }).waitFor();
    await checkScreen(person, 'library-empty');
    await page.getByRole('link', { name: 'Upload your first lesson' }).click();
    await page.waitForURL(`${server.url}/upload`);
    await page.getByRole('heading', { name: 'Upload lessons' }).waitFor();
    await checkScreen(person, 'upload-empty');
  });

  await step('the file picker is reached by keyboard', async () => {
    await page.getByRole('link', { name: 'Skip to content' }).focus();
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'Choose video files'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent?.trim() ?? '');
    }
    assert.equal(focused, 'Choose video files');
  });

  const lesson = join(work, '2026-11-18_fractions-period-3.mp4');
  await makeLessonVideo(bundledFfmpeg(logFile), lesson, 8);

  await step('a teacher uploads a lesson through the file picker, watches it, and sees it ready with its poster', async () => {
    const network = await throttle(page, 300 * 1024); // a few seconds of upload to watch
    await page.getByLabel('Choose video files').setInputFiles(lesson);
    const title = page.getByLabel('Title');
    assert.equal(await title.inputValue(), 'Fractions period 3', 'the title comes from the file name');
    assert.equal(await page.getByLabel('Lesson date').inputValue(), '2026-11-18', 'the date in the file name');
    await page.getByLabel('Subject').fill('Mathematics');
    await page.getByLabel('Grade').fill('7');
    await checkScreen(person, 'upload-details');
    await page.getByRole('button', { name: /^Upload 2026-11-18_fractions/ }).click();

    const bar = page.getByRole('progressbar', { name: 'Upload of Fractions period 3' });
    await page.waitForFunction(() => /\/s · about .* left/.test(document.body.innerText), null, { timeout: 30_000 });
    const early = Number(await bar.getAttribute('value'));
    assert.ok(early < 100, `the bar is under way: ${early}%`);
    await checkScreen(person, 'upload-progress');
    await page.getByRole('button', { name: 'Pause upload of Fractions period 3' }).click();
    await page.getByText('Paused. Press Resume').waitFor();
    await checkScreen(person, 'upload-paused');
    await page.getByRole('button', { name: 'Resume upload of Fractions period 3' }).click();
    await network.clear();
    await page.getByText(/\/s · about .* left/).or(page.getByRole('link', { name: 'Watch “Fractions period 3”' })).first().waitFor();
    forgetResumeAnswers(person);

    const watch = page.getByRole('link', { name: 'Watch “Fractions period 3”' });
    await watch.waitFor({ timeout: 4 * 60_000 });
    await checkScreen(person, 'upload-playable');

    await page.getByRole('link', { name: 'My lessons', exact: true }).click();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Fractions period 3' }) });
    await row.getByText('Ready', { exact: true }).waitFor({ timeout: 4 * 60_000 });
    await page.waitForFunction(() => [...document.images].some((img) => img.src.endsWith('/media/poster.jpg') && img.complete && img.naturalWidth > 0));
    assert.match(await row.textContent(), /Mathematics/);
    assert.match(await row.textContent(), /Grade 7/);
    assert.match(await row.textContent(), /0:08/, 'its duration');
    await checkScreen(person, 'library-ready');
  });

  await step('a non-video file is refused before a byte is sent, and so is one over the size limit', async () => {
    await page.getByRole('link', { name: 'Upload', exact: true }).click();
    const notes = join(work, 'lesson-notes.txt');
    await writeFile(notes, 'Not a video at all.\n');
    const huge = join(work, 'whole-day.mp4');
    const file = await open(huge, 'w');
    await file.truncate(2 * MAX_UPLOAD); // sparse: no disk used
    await file.close();
    const before = requests.writes();
    await page.getByLabel('Choose video files').setInputFiles([notes, huge]);
    const refused = page.getByRole('list', { name: 'Files not added' });
    await refused.getByText('“lesson-notes.txt” is not a video').waitFor();
    await refused.getByText('“whole-day.mp4” is 128 MB; the largest file this server accepts is 64 MB').waitFor();
    assert.deepEqual(requests.writes().slice(before.length), [], 'no recording created, no upload started');
    await checkScreen(person, 'upload-refused');
    const dismiss = page.getByRole('button', { name: /^Dismiss/ });
    while (await dismiss.count()) await dismiss.first().click();
  });

  const long = join(work, 'reading-circle.mov');
  const longSha = await writePseudoRandomFile(long, RESUME_BYTES, 'resume');
  await utimes(long, new Date('2026-11-17T10:00:00'), new Date('2026-11-17T10:00:00'));

  await step('a reload in the middle of an upload continues from the server\'s offset, not from 0', async () => {
    const network = await throttle(page, 2 * 1024 * 1024);
    await page.getByLabel('Choose video files').setInputFiles(long);
    assert.equal(await page.getByLabel('Title').inputValue(), 'Reading circle');
    assert.equal(await page.getByLabel('Lesson date').inputValue(), '2026-11-17', 'the file\'s date when its name has none');
    assert.equal(await page.getByLabel('Subject').inputValue(), 'Mathematics', 'the subject given last time');
    await page.getByLabel('Subject').fill('English');
    const created = requests.nextUploadUrl();
    await page.getByRole('button', { name: 'Upload reading-circle.mov' }).click();

    // Wait for the first 8 MiB chunk to be stored, then reload in the middle of the second.
    const uploadUrl = await created;
    await waitFor(async () => (await serverOffset(teacherApi, uploadUrl)) >= 8 * 1024 * 1024, 60_000, 'the first chunk stored');
    await new Promise((r) => setTimeout(r, 2000));
    const asked = new Promise((resolve) => {
      page.once('dialog', (dialog) => { resolve(dialog.type()); void dialog.accept(); });
      setTimeout(() => resolve('no dialog'), 15_000);
    });
    await page.reload();
    assert.equal(await asked, 'beforeunload', 'leaving mid-upload asks first');
    person.forgetProblems();
    const sinceReload = requests.mark();

    // The library shows how far the server got, and how to continue.
    await page.getByRole('link', { name: 'My lessons', exact: true }).click();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Reading circle' }) });
    await row.getByText(/^Uploading \d+%$/).waitFor();
    await row.getByRole('link', { name: 'choose the same file again' }).click();
    await page.waitForURL(`${server.url}/upload`);

    const offset = await waitForStableOffset(teacherApi, uploadUrl);
    assert.ok(offset >= 8 * 1024 * 1024 && offset < RESUME_BYTES, `the server holds part of the file: ${offset}`);
    await network.clear();
    await page.getByLabel('Choose video files').setInputFiles(long);
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Reading circle' }) });
    await item.getByText('You started uploading this file earlier').waitFor();
    await item.getByText(/^(Uploaded|Failed|Processing \d+%)$/).waitFor({ timeout: 2 * 60_000 });

    const after = requests.since(sinceReload);
    assert.deepEqual(after.filter((r) => r.method === 'POST'), [], 'no new recording and no new upload after the reload');
    const patches = after.filter((r) => r.method === 'PATCH');
    assert.ok(patches.length > 0, 'the upload continued');
    assert.equal(patches[0].offset, offset, 'the first chunk after the reload starts at the server\'s offset');
    forgetResumeAnswers(person);
    const sentAfterReload = RESUME_BYTES - offset;
    t.diagnostic(`reload at ${offset} of ${RESUME_BYTES} bytes; ${sentAfterReload} sent after it`);
    assert.ok(sentAfterReload < RESUME_BYTES);

    const recordings = await teacherApi.get('/api/recordings');
    const stored = recordings.filter((r) => r.title === 'Reading circle');
    assert.equal(stored.length, 1, 'one recording, not a second one');
    assert.equal(stored[0].source?.size, RESUME_BYTES);
    assert.equal(stored[0].source?.sha256, longSha, 'the stored file is the picked one, byte for byte');
  });

  await step('a file that is no video ends failed with its reason and a Retry button', async () => {
    const broken = join(work, 'broken-lesson.mp4');
    await writePseudoRandomFile(broken, 256 * 1024, 'broken');
    await page.getByLabel('Choose video files').setInputFiles(broken);
    assert.equal(await page.getByLabel('Subject').inputValue(), 'English', 'the subject given last time');
    await page.getByRole('button', { name: 'Upload broken-lesson.mp4' }).click();
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Broken lesson' }) });
    await item.getByText('This file is not a video we can read').waitFor({ timeout: 2 * 60_000 });
    await item.getByRole('button', { name: 'Retry processing Broken lesson' }).waitFor();

    await page.getByRole('link', { name: 'My lessons', exact: true }).click();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Broken lesson' }) });
    await row.getByText('Failed', { exact: true }).waitFor();
    await row.getByText('This file is not a video we can read').waitFor();
    await checkScreen(person, 'library-failed');
    const retried = page.waitForResponse((r) => r.url().endsWith('/processing/retry'));
    await row.getByRole('button', { name: 'Retry processing Broken lesson' }).click();
    assert.equal((await retried).status(), 202);
    await row.getByText('Failed', { exact: true }).waitFor({ timeout: 2 * 60_000 }); // garbage fails again, with its reason
    await row.getByText('This file is not a video we can read').waitFor();
  });

  await step('the library filters by title, subject, date and status', async () => {
    const list = page.getByRole('list', { name: 'Recordings' });
    const titles = async () => (await list.getByRole('heading').allTextContents()).map((s) => s.replace(/New$/, ''));
    assert.deepEqual((await titles()).sort(), ['Broken lesson', 'Fractions period 3', 'Reading circle']);
    await page.getByLabel('Search titles').fill('frac');
    assert.deepEqual(await titles(), ['Fractions period 3']);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByLabel('Subject').selectOption('English');
    assert.deepEqual((await titles()).sort(), ['Broken lesson', 'Reading circle']);
    await page.getByLabel('Subject').selectOption('');
    await page.getByLabel('Lesson date from').fill('2026-11-17');
    await page.getByLabel('Lesson date to').fill('2026-11-17');
    assert.deepEqual(await titles(), ['Reading circle']);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByLabel('Status').selectOption('ready');
    assert.deepEqual(await titles(), ['Fractions period 3']);
    await page.getByLabel('Search titles').fill('nothing like this');
    await page.getByText('No recordings match these filters.').waitFor();
    await checkScreen(person, 'library-no-match');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
  });

  await step('the library and upload work on a tablet and a phone', async () => {
    for (const [name, device] of [['tablet', TABLET], ['phone', PHONE]]) {
      const other = await newPerson(browser, device);
      await other.page.goto(`${server.url}/`);
      await signInThroughForm(other.page, teacher.email, teacher.password);
      await other.page.waitForURL(`${server.url}/recordings`);
      await other.page.getByRole('heading', { name: 'Fractions period 3' }).waitFor();
      await checkScreen(other, `library-${name}`);
      await other.page.getByRole('link', { name: 'Upload lessons' }).tap();
      await other.page.getByLabel('Choose video files').setInputFiles(lesson);
      await other.page.getByLabel('Title').waitFor();
      await checkScreen(other, `upload-${name}`);
      await other.close();
    }
  });

  await step('the coach finds the shared lesson, new ones first, beside the teacher\'s open goals', async () => {
    const mine = await teacherApi.get('/api/recordings');
    const byTitle = (title) => mine.find((r) => r.title === title).id;
    await teacherApi.post(`/api/recordings/${byTitle('Fractions period 3')}/shares`, { userId: coachId, permission: 'comment' }, 201);
    await teacherApi.post('/api/goals', { statement: 'Ask <b>why</b> after every answer', target: '3 times a lesson', dueDate: '2027-01-29' }, 201);
    await teacherApi.post('/api/goals', { statement: 'A goal already met', status: 'met' }, 201);

    const coachPerson = await newPerson(browser);
    const cp = coachPerson.page;
    await cp.goto(`${server.url}/`);
    await signInThroughForm(cp, coach.email, coach.password);
    await cp.waitForURL(`${server.url}/coach`);
    const lessons = cp.getByRole('list', { name: 'Lessons shared with you' });
    const fractions = lessons.getByRole('listitem').filter({ hasText: 'Fractions period 3' });
    await fractions.getByText('New', { exact: true }).waitFor();
    await fractions.getByText('Shared by Tess Teacher').waitFor();
    const teachers = cp.getByRole('list', { name: 'Teachers you coach' });
    await teachers.getByRole('heading', { name: 'Tess Teacher' }).waitFor();
    assert.equal(await teachers.getByText('Ask <b>why</b> after every answer').count(), 1, 'a goal with markup shows as text');
    assert.equal(await teachers.getByText('A goal already met').count(), 0, 'only open goals');
    await checkScreen(coachPerson, 'coach-home');

    // A later visit: what was seen is no longer new; a lesson shared since comes first. The visit is
    // aged before the share, as the open page hears of the share live and counts it as seen in this visit.
    await cp.evaluate(() => {
      for (const key of Object.keys(localStorage).filter((k) => k.startsWith('lessonloop.coach.visits.'))) {
        const visit = JSON.parse(localStorage.getItem(key));
        visit.lastSeenAt -= 2 * 3600 * 1000;
        localStorage.setItem(key, JSON.stringify(visit));
      }
    });
    await teacherApi.post(`/api/recordings/${byTitle('Reading circle')}/shares`, { userId: coachId, permission: 'view' }, 201);
    await cp.reload();
    await lessons.getByRole('listitem').first().filter({ hasText: 'Reading circle' }).getByText('New', { exact: true }).waitFor();
    assert.equal(await fractions.getByText('New', { exact: true }).count(), 0, 'seen at the last visit');
    await cp.getByText('1 new lesson since your last visit').waitFor();
    await checkScreen(coachPerson, 'coach-home-later');
    await coachPerson.close();

    const tablet = await newPerson(browser, TABLET);
    await tablet.page.goto(`${server.url}/`);
    await signInThroughForm(tablet.page, coach.email, coach.password);
    await tablet.page.waitForURL(`${server.url}/coach`);
    await tablet.page.getByRole('heading', { name: 'Tess Teacher' }).waitFor();
    await checkScreen(tablet, 'coach-home-tablet');
    await tablet.close();
  });

  assert.deepEqual(person.problems(), [], 'the teacher\'s page logged no errors');
  if (failures === 0) passed();
});
