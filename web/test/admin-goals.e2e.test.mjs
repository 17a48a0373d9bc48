// The administrator's screen and the goals page, used as people use them: an admin creates a
// teacher, a coach and their pair, a tag set with a coloured tag, and retries a dead job; the
// teacher sets a goal, moves it through the Impact Cycle, records measurements (chart and table),
// and plays the evidence a coach tagged with the goal in place; the coach reads the goal and adds
// a measurement. Every screen is checked with axe at 1280 and 768 px and photographed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { ApiSession, acceptInvitation, bootstrapAdmin } from './support/api.mjs';
import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';
import { bundledFfmpeg, makeLessonVideo, readyRecording, uploadSource } from './support/media.mjs';

const PASSWORD = 'a long enough first password';
const teacher = { displayName: 'Tess Teacher', email: 'tess@school.example' };
const coach = { displayName: 'Cole Coach', email: 'cole@school.example' };
const markup = { displayName: '<img src=x onerror=alert(1)>', email: 'markup@school.example' };

/** axe, no console errors and a screenshot, at a laptop's width and at a tablet's. */
async function checkAtBothWidths(person, name) {
  await checkScreen(person, `${name}-1280`);
  await person.page.setViewportSize({ width: 768, height: 1024 });
  await checkScreen(person, `${name}-768`);
  await person.page.setViewportSize({ width: 1280, height: 800 });
}

async function signIn(browser, baseUrl, path, email, password) {
  const person = await newPerson(browser);
  const dialogs = [];
  person.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  await person.page.goto(`${baseUrl}${path}`);
  await person.page.getByRole('heading', { name: 'Sign in to Lessonloop' }).waitFor();
  await signInThroughForm(person.page, email, password);
  await person.page.waitForURL(`${baseUrl}${path}`);
  return { ...person, dialogs };
}

async function poll(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

test('an admin sets up people, pairs, tags and retries a dead job; a teacher works a goal with measurements and evidence',
  { skip: browserSkipReason(), timeout: 12 * 60 * 1000 }, async (t) => {
    const { server, browser, logFile, passed } = await startApp(t);
    const work = await mkdtemp(join(tmpdir(), 'lessonloop-goals-e2e-'));
    t.after(() => rm(work, { recursive: true, force: true }));
    const adminApi = await ApiSession.signIn(server.url, bootstrapAdmin.email, bootstrapAdmin.password);

    // --- the admin, through the UI --------------------------------------------------------
    const admin = await signIn(browser, server.url, '/admin', bootstrapAdmin.email, bootstrapAdmin.password);
    const { page } = admin;
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await page.getByText('No failed jobs.').waitFor();
    await page.getByText('No tag sets yet.').waitFor();
    await checkAtBothWidths(admin, 'admin-empty');

    const accountForm = page.getByRole('form', { name: 'Add a person' });
    for (const [person, role] of [[teacher, 'Teacher'], [coach, 'Coach'], [markup, 'Teacher']]) {
      await accountForm.getByLabel('Name').fill(person.displayName);
      await accountForm.getByLabel('Email').fill(person.email);
      await accountForm.getByLabel('Role').selectOption({ label: role });
      await accountForm.getByRole('button', { name: 'Invite' }).click();
      await accountForm.getByRole('status').getByText(`${person.displayName} is invited.`).waitFor();
      // The person opens the link and chooses their own password (the invitation test does it in a browser).
      const link = await accountForm.getByLabel(`Link for ${person.displayName}`).inputValue();
      await acceptInvitation(link, PASSWORD);
    }
    const people = page.getByRole('table', { name: 'People in your organization' });
    await people.getByRole('cell', { name: teacher.email }).waitFor();
    assert.equal(await people.getByRole('cell', { name: markup.displayName, exact: true }).count(), 1,
      'a name written as markup shows as text');
    const users = await adminApi.get('/api/users');
    const teacherId = users.find((u) => u.email === teacher.email && u.role === 'teacher')?.id;
    const coachId = users.find((u) => u.email === coach.email && u.role === 'coach')?.id;
    assert.ok(teacherId && coachId, `both accounts exist with their roles: ${JSON.stringify(users)}`);

    // The lesson video is made, uploaded and processed while the admin carries on.
    const teacherApi = await ApiSession.signIn(server.url, teacher.email, PASSWORD);
    const lessonReady = (async () => {
      const file = join(work, 'lesson.mp4');
      await makeLessonVideo(bundledFfmpeg(logFile), file, 6);
      const recording = await teacherApi.post('/api/recordings', { title: 'Wait time lesson', lessonDate: '2026-11-18' }, 201);
      await uploadSource(teacherApi, recording.id, file);
      return readyRecording(teacherApi, recording.id);
    })();
    lessonReady.catch(() => {}); // awaited below; a failure is reported there

    const pairForm = page.getByRole('form', { name: 'Pair a coach with a teacher' });
    await pairForm.getByLabel('Coach').selectOption({ label: `${coach.displayName} (${coach.email})` });
    await pairForm.getByLabel('Teacher').selectOption({ label: `${teacher.displayName} (${teacher.email})` });
    await pairForm.getByRole('button', { name: 'Pair them' }).click();
    await page.getByRole('button', { name: `Remove pair ${coach.displayName} and ${teacher.displayName}` }).waitFor();
    assert.deepEqual((await adminApi.get('/api/pairs')).map((p) => [p.coachId, p.teacherId]), [[coachId, teacherId]]);

    const setForm = page.getByRole('form', { name: 'New tag set' });
    await setForm.getByLabel('Tag set name').fill('Classroom framework');
    await setForm.getByRole('button', { name: 'Create tag set' }).click();
    const tagForm = page.getByRole('form', { name: 'Add a tag to Classroom framework' });
    await tagForm.getByLabel('Tag name').fill('Wait time');
    await tagForm.getByLabel('Colour').fill('#c2410c');
    await tagForm.getByRole('button', { name: 'Add tag' }).click();
    await page.getByRole('list', { name: 'Tags of Classroom framework' }).getByText('Wait time').waitFor();
    const [tagSet] = await adminApi.get('/api/tag-sets');
    assert.deepEqual(tagSet.tags.map((tag) => [tag.name, tag.color]), [['Wait time', '#c2410c']]);

    // A recording whose bytes are no video: its processing job dies at once (nothing to retry into).
    const junk = await teacherApi.post('/api/recordings', { title: 'Not a video' }, 201);
    await uploadSource(teacherApi, junk.id, randomBytes(256 * 1024), 'junk.mp4');
    const deadJob = await poll('the junk recording\'s job to die', async () =>
      (await adminApi.get('/api/jobs?state=dead')).find((job) => job.recordingId === junk.id));
    await page.getByRole('button', { name: 'Refresh' }).click();
    const retry = page.getByRole('button', { name: /^Retry Processing a recording/ });
    await retry.waitFor();
    assert.match(await page.getByRole('table', { name: /Failed background jobs/ }).textContent(), /1 of 3/);
    assert.equal(await page.getByRole('link').filter({ hasText: /Not a video|recording/i }).count(), 0,
      'no admin screen links to a recording');
    await checkAtBothWidths(admin, 'admin-people-pairs-tags-dead-job');
    await retry.click();
    await page.getByRole('status').getByText('queued again').waitFor();
    assert.equal(await retry.count(), 0, 'the retried job left the list');
    await poll('the retried job to run again', async () => {
      const again = [...await adminApi.get('/api/jobs?state=dead'), ...await adminApi.get('/api/jobs?state=succeeded')]
        .find((job) => job.id === deadJob.id);
      return again && again.updatedAt !== deadJob.updatedAt;
    });
    await page.getByRole('button', { name: `Remove pair ${coach.displayName} and ${teacher.displayName}` }).click();
    await page.getByRole('group', { name: `Remove the pair ${coach.displayName} and ${teacher.displayName}?` })
      .getByRole('button', { name: 'Yes, remove' }).click();
    await page.getByText('No pairs yet.').waitFor();
    assert.deepEqual(await adminApi.get('/api/pairs'), []);
    assert.deepEqual(admin.dialogs, [], 'no script from a user name ran');
    assert.deepEqual(admin.problems(), []);

    // --- the teacher sets a goal ------------------------------------------------------------
    const teacherPerson = await signIn(browser, server.url, '/goals', teacher.email, PASSWORD);
    const tp = teacherPerson.page;
    await tp.getByText('No goals yet.').waitFor();
    await checkAtBothWidths(teacherPerson, 'goals-empty');
    await tp.getByRole('button', { name: 'New goal' }).click();
    const goalForm = tp.getByRole('form', { name: 'New goal' });
    await goalForm.getByLabel('Goal', { exact: true }).fill('Wait at least 3 seconds after asking a question');
    await goalForm.getByLabel('Measure').fill('questions followed by 3 s of wait time, per lesson');
    await goalForm.getByLabel('Baseline').fill('4 questions');
    await goalForm.getByLabel('Target').fill('10 questions');
    await goalForm.getByLabel('Due date').fill('2027-01-31');
    await goalForm.getByRole('button', { name: 'Save goal' }).click();
    await tp.getByRole('heading', { name: 'Wait at least 3 seconds after asking a question', level: 2 }).waitFor();
    assert.ok(await tp.getByRole('heading', { level: 2 }).evaluate((h) => h === document.activeElement),
      'the new goal has the focus the form had');

    // Editing: Esc closes the form and gives the focus back to Edit; Save changes keeps the change.
    await tp.getByRole('button', { name: 'Edit goal' }).click();
    const editForm = tp.getByRole('form', { name: 'Edit goal' });
    await editForm.getByLabel('Target').fill('never saved');
    await tp.keyboard.press('Escape');
    await editForm.waitFor({ state: 'detached' });
    assert.ok(await tp.getByRole('button', { name: 'Edit goal' }).evaluate((b) => b === document.activeElement));
    await tp.getByRole('button', { name: 'Edit goal' }).click();
    await editForm.getByLabel('Target').fill('12 questions');
    await editForm.getByRole('button', { name: 'Save changes' }).click();
    await tp.getByRole('button', { name: 'Edit goal' }).waitFor();
    await tp.getByText('12 questions', { exact: true }).waitFor();
    const [goal] = await teacherApi.get('/api/goals');
    assert.equal(goal.phase, 'identify');
    assert.equal(goal.target, '12 questions');
    assert.equal(await tp.getByRole('button', { name: 'Identify' }).getAttribute('aria-current'), 'step');

    // Moving the phase by keyboard.
    await tp.getByRole('button', { name: 'Learn' }).focus();
    await tp.keyboard.press('Enter');
    // The page says so once the PATCH answered; the server has it a moment before the page does.
    await tp.getByText('The goal is now in the Learn phase.').waitFor();
    await poll('the phase to be saved', async () => (await teacherApi.get(`/api/goals/${goal.id}`)).phase === 'learn');
    assert.equal(await tp.getByRole('button', { name: 'Learn' }).getAttribute('aria-current'), 'step');
    assert.equal(await tp.getByRole('button', { name: 'Identify' }).getAttribute('aria-current'), null);

    for (const [date, value] of [['2026-11-02', '5'], ['2026-11-16', '8']]) {
      await tp.getByLabel('Date', { exact: true }).fill(date);
      await tp.getByLabel('Value', { exact: true }).fill(value);
      await tp.getByRole('button', { name: 'Add measurement' }).click();
      await tp.getByRole('status').getByText(`Measurement of ${value} on`).waitFor();
    }
    const table = tp.getByRole('table', { name: /^Measurements/ });
    const rows = await table.locator('tbody tr').allTextContents();
    assert.equal(rows.length, 2, rows.join(' | '));
    assert.match(rows[0], /Nov 2, 2026.*5|2.*5/);
    assert.match(rows[1], /8/);
    assert.match(await table.locator('tfoot').textContent(), /Baseline4.*Target12/);
    const chart = tp.getByRole('img', { name: /^Progress chart of 2 measurements/ });
    await chart.waitFor();
    assert.match(await chart.getAttribute('aria-label'), /from 5 .* to 8 .*baseline 4, target 12/);
    assert.ok(await chart.locator('canvas').count() >= 1, 'uPlot drew on a canvas');
    assert.deepEqual((await teacherApi.get(`/api/goals/${goal.id}`)).measurements.map((m) => m.value), [5, 8]);

    // --- the coach tags a comment with the goal (API setup); the evidence plays in place -----
    const recording = await lessonReady;
    const coachApi = await ApiSession.signIn(server.url, coach.email, PASSWORD);
    await teacherApi.post(`/api/recordings/${recording.id}/shares`, { userId: coachId, permission: 'comment' }, 201);
    await coachApi.post(`/api/recordings/${recording.id}/comments`, {
      startMs: 1000, endMs: 4000, body: '<b>Lovely</b> pause before taking answers', visibility: 'shared', tagIds: [goal.id],
    }, 201);
    await tp.reload();
    const evidence = tp.getByRole('region', { name: 'Evidence' });
    await evidence.getByText('<b>Lovely</b> pause before taking answers', { exact: true }).waitFor();
    await evidence.getByRole('heading', { name: /Wait time lesson/ }).waitFor();
    assert.equal(await evidence.getByRole('link', { name: 'Open in review at 0:01' }).getAttribute('href'),
      `/recordings/${recording.id}?t=1000`);
    await evidence.getByRole('button', { name: /^Play 0:01–0:04: comment/ }).click();
    const video = evidence.getByLabel(/^Clip player: comment/);
    const played = await video.evaluate(async (v) => {
      const deadline = Date.now() + 60_000;
      while (!(v.played.length > 0 && v.paused && v.currentTime > 3.5) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      return { start: v.played.length ? v.played.start(0) : null, end: v.currentTime, paused: v.paused, width: v.videoWidth };
    });
    assert.ok(played.width > 0, `frames were decoded: ${JSON.stringify(played)}`);
    assert.ok(Math.abs(played.start - 1) < 0.3, `playback began at the comment: ${JSON.stringify(played)}`);
    assert.ok(played.paused && Math.abs(played.end - 4) < 0.3, `playback stopped at its end: ${JSON.stringify(played)}`);
    await checkAtBothWidths(teacherPerson, 'goals-teacher');

    // --- the coach reads the goal and records a measurement ----------------------------------
    const coachPerson = await signIn(browser, server.url, `/goals?teacher=${teacherId}`, coach.email, PASSWORD);
    const cp = coachPerson.page;
    await cp.getByRole('heading', { name: `Goals of ${teacher.displayName}`, level: 1 }).waitFor();
    await cp.getByRole('heading', { name: 'Wait at least 3 seconds after asking a question', level: 2 }).waitFor();
    assert.equal(await cp.getByRole('button', { name: 'Edit goal' }).count(), 0, 'a coach cannot edit the goal');
    assert.equal(await cp.getByRole('button', { name: 'Improve' }).count(), 0, 'nor move its phase');
    const steps = cp.getByRole('list', { name: 'Impact Cycle' }).getByRole('listitem');
    assert.deepEqual(await steps.evaluateAll((items) => items.map((li) => li.firstElementChild.getAttribute('aria-current'))),
      [null, 'step', null], 'the coach sees the goal in the Learn phase');
    await cp.getByRole('region', { name: 'Evidence' }).getByText('<b>Lovely</b> pause before taking answers').waitFor();
    await cp.getByLabel('Date', { exact: true }).fill('2026-11-30');
    await cp.getByLabel('Value', { exact: true }).fill('11');
    await cp.getByLabel('Note', { exact: true }).fill('Seen in the lesson video');
    await cp.getByRole('button', { name: 'Add measurement' }).click();
    await cp.getByRole('table', { name: /^Measurements/ }).getByRole('cell', { name: 'Seen in the lesson video' }).waitFor();
    await checkAtBothWidths(coachPerson, 'goals-coach');
    assert.deepEqual((await teacherApi.get(`/api/goals/${goal.id}`)).measurements.map((m) => m.value), [5, 8, 11]);
    passed();
  });
