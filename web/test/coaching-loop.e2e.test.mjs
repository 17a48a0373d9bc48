// The whole coaching loop in one flow, through the UI as the three people do it (the API only sets
// up a framework tag set and checks what the UI did): an admin invites a teacher and a coach, who
// open their links and set their own passwords, and pairs them; the teacher uploads a generated
// lesson with the file picker, reloads in the middle of it and continues from the server's offset,
// sees it ready, plays it and shares it with the coach; the coach finds it on coach home, plays it,
// presses C at about 3 s, comments with a tag, finds its marker, makes a clip with I and O, exports
// and downloads it; the teacher sees the comment arrive without a reload, replies and writes a
// private note the coach never sees; she sets a goal, the coach tags his comment with it, the
// evidence shows it and a measurement draws the chart; she revokes the share and the coach's open
// player says access ended; an admin following the link sees nothing.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { ApiSession, bootstrapAdmin } from './support/api.mjs';
import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';
import { sha256OfFile } from './support/files.mjs';
import { bundledFfmpeg, makeLessonVideo } from './support/media.mjs';
import { FRAMEWORK } from './support/review.mjs';
import { forgetResumeAnswers, recordRequests, serverOffset, throttle, waitFor, waitForStableOffset } from './support/uploads.mjs';

const PASSWORD = 'a long enough first password';
const teacher = { displayName: 'Ada Teacher', email: 'ada@school.example' };
const coach = { displayName: 'Cory Coach', email: 'cory@school.example' };
const TITLE = 'Fractions period 3';
const COMMENT = 'Good wait time before calling on anyone';
const REPLY = 'Thanks, I will keep doing that';
const NOTE = 'Ask Cory about pacing next week';
const GOAL = 'Wait at least 3 seconds after asking a question';
const CHUNK = 8 * 1024 * 1024;

/** A person who followed `path` while signed out and signed in through the form. */
async function signedIn(browser, baseUrl, path, user, landing = path) {
  const person = await newPerson(browser);
  await person.page.goto(`${baseUrl}${path}`);
  await person.page.getByRole('heading', { name: 'Sign in to Lessonloop' }).waitFor();
  await signInThroughForm(person.page, user.email, user.password ?? PASSWORD);
  await person.page.waitForURL(`${baseUrl}${landing}`);
  return person;
}

/** The invited person opens the link shown to the admin and sets their own password there. */
async function acceptThroughLink(browser, link, user, screenshot) {
  const person = await newPerson(browser);
  await person.page.goto(link);
  await person.page.getByRole('heading', { name: `Welcome, ${user.displayName}` }).waitFor();
  person.forgetProblems(); // the 401 of GET /api/me: nobody is signed in yet
  await checkScreen(person, screenshot);
  await person.page.getByLabel('New password', { exact: true }).fill(PASSWORD);
  await person.page.getByLabel('Type it again').fill(PASSWORD);
  await person.page.getByRole('button', { name: 'Set my password' }).click();
  await person.page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
  await person.close();
}

/** The slider's position in whole seconds. */
async function position(page) {
  return Number(await page.getByRole('slider', { name: 'Position in the lesson' }).getAttribute('aria-valuenow'));
}

/** Only refused requests (404/403 once access ended, or for an admin) may have been logged. */
function onlyRefusals(person) {
  const other = person.problems().filter((p) => !/status of (404|403)/.test(p));
  assert.deepEqual(other, [], 'nothing but refused requests was logged');
  person.forgetProblems();
}

test('the coaching loop, walked through in the browser by an admin, a teacher and a coach',
  { skip: browserSkipReason(), timeout: 15 * 60 * 1000 }, async (t) => {
    const started = Date.now();
    const { server, browser, logFile, passed } = await startApp(t);
    const work = await mkdtemp(join(tmpdir(), 'lessonloop-loop-e2e-'));
    t.after(() => rm(work, { recursive: true, force: true }));
    const adminApi = await ApiSession.signIn(server.url, bootstrapAdmin.email, bootstrapAdmin.password);
    // Setup: the framework tag set the coach tags with (the admin screen's own test makes one by hand).
    let set = await adminApi.post('/api/tag-sets', { name: FRAMEWORK.name }, 201);
    for (const tag of FRAMEWORK.tags) set = await adminApi.post(`/api/tag-sets/${set.id}/tags`, tag, 201);
    // 12 s at 8 Mbit/s: about 12 MB, so a reload can fall between the first 8 MiB chunk and the end.
    const lesson = join(work, `2026-11-18_fractions-period-3.mp4`);
    const made = makeLessonVideo(bundledFfmpeg(logFile), lesson, { seconds: 12, bitrate: '8M' });

    // --- the admin invites the teacher and the coach, who set their own passwords; then pairs them
    const admin = await signedIn(browser, server.url, '/admin', bootstrapAdmin);
    const ap = admin.page;
    const accountForm = ap.getByRole('form', { name: 'Add a person' });
    for (const [person, role, shot] of [[teacher, 'Teacher', 'teacher'], [coach, 'Coach', 'coach']]) {
      await accountForm.getByLabel('Name').fill(person.displayName);
      await accountForm.getByLabel('Email').fill(person.email);
      await accountForm.getByLabel('Role').selectOption({ label: role });
      await accountForm.getByRole('button', { name: 'Invite' }).click();
      await accountForm.getByRole('status').getByText(`${person.displayName} is invited.`).waitFor();
      const link = await accountForm.getByLabel(`Link for ${person.displayName}`).inputValue();
      await checkScreen(admin, `loop-00-admin-invited-${shot}`);
      await acceptThroughLink(browser, link, person, `loop-00-invitation-${shot}`);
    }
    const pairForm = ap.getByRole('form', { name: 'Pair a coach with a teacher' });
    await pairForm.getByLabel('Coach').selectOption({ label: `${coach.displayName} (${coach.email})` });
    await pairForm.getByLabel('Teacher').selectOption({ label: `${teacher.displayName} (${teacher.email})` });
    await pairForm.getByRole('button', { name: 'Pair them' }).click();
    await ap.getByRole('button', { name: `Remove pair ${coach.displayName} and ${teacher.displayName}` }).waitFor();
    await checkScreen(admin, 'loop-01-admin');
    await admin.close();
    const teacherApi = await ApiSession.signIn(server.url, teacher.email, PASSWORD);

    // --- the teacher uploads through the file picker; a reload mid-way continues from the server's offset
    const teacherView = await signedIn(browser, server.url, '/', { email: teacher.email }, '/recordings');
    const tp = teacherView.page;
    await tp.getByRole('heading', { name: 'Start with your first lesson' }).waitFor();
    await checkScreen(teacherView, 'loop-02-library-empty');
    await tp.getByRole('link', { name: 'Upload', exact: true }).click();
    await made;
    const requests = recordRequests(tp);
    const network = await throttle(tp, 2 * 1024 * 1024);
    await tp.getByLabel('Choose video files').setInputFiles(lesson);
    assert.equal(await tp.getByLabel('Title').inputValue(), TITLE, 'the title comes from the file name');
    assert.equal(await tp.getByLabel('Lesson date').inputValue(), '2026-11-18');
    await tp.getByLabel('Subject').fill('Mathematics');
    await tp.getByLabel('Grade').fill('7');
    const created = requests.nextUploadUrl();
    await tp.getByRole('button', { name: /^Upload 2026-11-18_fractions/ }).click();
    const uploadUrl = await created;
    await tp.getByText(/\/s · about .* left/).waitFor({ timeout: 30_000 });
    await tp.getByRole('progressbar', { name: `Upload of ${TITLE}` }).waitFor();
    await checkScreen(teacherView, 'loop-03-upload-progress');
    await waitFor(async () => (await serverOffset(teacherApi, uploadUrl)) >= CHUNK, 60_000, 'the first chunk stored');
    const asked = new Promise((resolve) => {
      tp.once('dialog', (dialog) => { resolve(dialog.type()); void dialog.accept(); });
      setTimeout(() => resolve('no dialog'), 15_000);
    });
    await tp.reload();
    assert.equal(await asked, 'beforeunload', 'leaving mid-upload asks first');
    teacherView.forgetProblems(); // the interrupted PATCH
    const sinceReload = requests.mark();
    const offset = await waitForStableOffset(teacherApi, uploadUrl);
    await network.clear();
    await tp.getByLabel('Choose video files').setInputFiles(lesson);
    const item = tp.getByRole('listitem').filter({ has: tp.getByRole('heading', { name: TITLE }) });
    await item.getByText('You started uploading this file earlier').waitFor();
    await checkScreen(teacherView, 'loop-04-upload-resumed');
    const watch = tp.getByRole('link', { name: `Watch “${TITLE}”` });
    await watch.waitFor({ timeout: 4 * 60_000 });
    const after = requests.since(sinceReload);
    assert.deepEqual(after.filter((r) => r.method === 'POST'), [], 'no new recording and no new upload after the reload');
    assert.equal(after.find((r) => r.method === 'PATCH')?.offset, offset, 'the first PATCH after the reload starts at the server\'s offset');
    assert.ok(offset >= CHUNK, `not from 0: ${offset}`);
    forgetResumeAnswers(teacherView);
    const [stored] = await teacherApi.get('/api/recordings');
    assert.equal(stored.source?.sha256, await sha256OfFile(lesson), 'the stored file is the picked one, byte for byte');
    t.diagnostic(`reloaded at ${offset} of ${stored.source?.size} bytes`);

    await tp.getByRole('link', { name: 'My lessons', exact: true }).click();
    const row = tp.getByRole('listitem').filter({ has: tp.getByRole('heading', { name: TITLE }) });
    await row.getByText('Ready', { exact: true }).waitFor({ timeout: 4 * 60_000 });
    await tp.waitForFunction(() => [...document.images].some((img) => img.src.endsWith('/media/poster.jpg') && img.complete && img.naturalWidth > 0));
    await checkScreen(teacherView, 'loop-05-library-ready');
    const recording = await teacherApi.get(`/api/recordings/${stored.id}`);

    // She plays it and shares it with the coach in the share dialog.
    await row.getByRole('link', { name: TITLE }).click();
    await tp.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await tp.getByRole('button', { name: 'Play', exact: true }).click();
    await waitFor(async () => (await position(tp)) >= 1, 30_000, 'the teacher\'s playback');
    await tp.getByRole('button', { name: 'Pause' }).click();
    await tp.getByRole('button', { name: 'Share', exact: true }).click();
    const share = tp.getByRole('dialog', { name: 'Share this lesson' });
    await share.getByText('Only you. Nobody else can see this lesson.').waitFor();
    await share.getByLabel('Colleague').selectOption({ label: `${coach.displayName} (coach, ${coach.email})` });
    await share.getByLabel('can comment').check();
    await share.getByRole('button', { name: 'Share', exact: true }).click();
    await share.getByRole('status').getByText(`Shared with ${coach.displayName} (can comment).`).waitFor();
    await share.getByRole('cell', { name: new RegExp(`^${coach.displayName}`) }).waitFor();
    await checkScreen(teacherView, 'loop-06-share-dialog');
    await share.getByRole('button', { name: 'Close' }).click();
    await share.waitFor({ state: 'hidden' });

    // --- the coach finds it on coach home, plays it, presses C at about 3 s -------------------
    const coachView = await signedIn(browser, server.url, '/', { email: coach.email }, '/coach');
    const cp = coachView.page;
    const shared = cp.getByRole('list', { name: 'Lessons shared with you' }).getByRole('listitem').filter({ hasText: TITLE });
    await shared.getByText('New', { exact: true }).waitFor();
    await checkScreen(coachView, 'loop-07-coach-home');
    await shared.getByRole('link', { name: TITLE }).click();
    await cp.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await cp.getByRole('button', { name: 'Play', exact: true }).click();
    await waitFor(async () => (await position(cp)) >= 3, 30_000, 'the coach\'s playback to reach 3 s');
    await cp.keyboard.press('c');
    const box = cp.getByRole('textbox', { name: /^Comment at 0:0[34]$/ });
    await box.waitFor();
    assert.ok(await cp.getByRole('button', { name: 'Play', exact: true }).isVisible(), 'playback paused while typing');
    await box.pressSequentially(`${COMMENT} #Ques`);
    await cp.getByRole('listbox', { name: 'Tags' }).getByRole('option', { name: '#Questioning' }).waitFor();
    await cp.keyboard.press('Enter');
    const form = cp.getByRole('form', { name: 'New comment' });
    await form.getByRole('list', { name: 'Tags' }).getByText('Questioning').waitFor();
    const posted = cp.waitForResponse((r) => r.url().endsWith('/comments') && r.request().method() === 'POST');
    await cp.keyboard.press('Control+Enter');
    const comment = await (await posted).json();
    const postedAt = Date.now();
    assert.equal(comment.body, COMMENT);
    assert.deepEqual(comment.tags.map((tag) => tag.name), ['Questioning']);
    assert.ok(comment.startMs >= 2500 && comment.startMs <= 4500, `commented at ${comment.startMs} ms`);
    const marker = cp.getByRole('button', { name: new RegExp(`^Comment at 0:0\\d, ${coach.displayName}: ${COMMENT}`) });
    const [dot, strip] = await Promise.all([marker.boundingBox(), cp.getByRole('slider', { name: 'Position in the lesson' }).boundingBox()]);
    const expected = strip.x + 1 + ((strip.width - 2) * comment.startMs) / recording.media.durationMs;
    assert.ok(Math.abs(dot.x + dot.width / 2 - expected) < 4, `marker at ${dot.x + dot.width / 2}, its time at ${expected}`);

    // The teacher's open page shows it without a reload.
    await tp.getByRole('listitem').filter({ hasText: COMMENT }).waitFor({ timeout: 15_000 });
    t.diagnostic(`the comment reached the teacher's page ${Date.now() - postedAt} ms after it was posted`);

    // A range clip from I and O, exported and downloaded.
    await cp.getByRole('button', { name: 'Pause' }).waitFor();
    await cp.keyboard.press('k');
    const slider = cp.getByRole('slider', { name: 'Position in the lesson' });
    await slider.focus();
    await cp.keyboard.press('Home');
    await cp.keyboard.press('ArrowRight');
    await cp.keyboard.press('i');
    await cp.keyboard.press('ArrowRight');
    await cp.keyboard.press('o');
    await cp.getByText('In 0:05').waitFor();
    await cp.getByText('Out 0:10').waitFor();
    await cp.getByRole('button', { name: 'Make a clip' }).click();
    const clipDialog = cp.getByRole('dialog', { name: 'Make a clip of 0:05 to 0:10' });
    await clipDialog.getByLabel('Name').fill('Wait time');
    await clipDialog.getByRole('button', { name: 'Make clip' }).click();
    const clipRow = cp.getByRole('listitem').filter({ has: cp.getByText('Wait time', { exact: true }) });
    await clipRow.getByRole('button', { name: 'Export MP4' }).click();
    const download = clipRow.getByRole('link', { name: /Download MP4/ });
    await download.waitFor({ timeout: 180_000 });
    const [file] = await Promise.all([cp.waitForEvent('download'), download.click()]);
    assert.equal((await readFile(await file.path())).subarray(4, 8).toString('latin1'), 'ftyp', 'the download is an MP4');
    await checkScreen(coachView, 'loop-08-review-coach');

    // --- the teacher replies and writes a private note -----------------------------------------
    const teacherRow = tp.getByRole('listitem').filter({ hasText: COMMENT });
    await teacherRow.getByRole('button', { name: 'Reply' }).click();
    await tp.getByRole('textbox', { name: `Reply to ${coach.displayName}` }).pressSequentially(REPLY);
    await tp.getByRole('button', { name: 'Post reply' }).click();
    await teacherRow.getByText(REPLY).waitFor();
    await cp.getByText(REPLY).waitFor({ timeout: 15_000 });
    await tp.getByRole('button', { name: 'Comment here' }).click();
    await tp.getByLabel('Private note (only you)').check();
    await tp.getByRole('textbox', { name: /^Private note at/ }).fill(NOTE);
    await tp.getByRole('form', { name: 'New comment' }).getByRole('button', { name: /^Post/ }).click();
    await tp.getByRole('listitem').filter({ hasText: NOTE }).getByText('Private note · only you').waitFor();
    await checkScreen(teacherView, 'loop-09-review-teacher');

    // --- a goal: set by the teacher, tagged by the coach, shown as evidence, measured ----------
    await tp.getByRole('link', { name: 'Goals', exact: true }).click();
    await tp.getByRole('button', { name: 'New goal' }).click();
    const goalForm = tp.getByRole('form', { name: 'New goal' });
    await goalForm.getByLabel('Goal', { exact: true }).fill(GOAL);
    await goalForm.getByLabel('Baseline').fill('4');
    await goalForm.getByLabel('Target').fill('10');
    await goalForm.getByRole('button', { name: 'Save goal' }).click();
    await tp.getByRole('heading', { name: GOAL, level: 2 }).waitFor();

    const coachRow = cp.getByRole('listitem').filter({ hasText: COMMENT });
    await coachRow.getByRole('button', { name: /^Tags( \(\d+\))?$/ }).click();
    await coachRow.getByRole('checkbox', { name: GOAL }).check();
    await coachRow.getByRole('list', { name: 'Tags' }).getByText(`Goal: ${GOAL}`).waitFor();

    await tp.reload();
    const evidence = tp.getByRole('region', { name: 'Evidence' });
    await evidence.getByText(COMMENT).waitFor();
    await tp.getByLabel('Date', { exact: true }).fill('2026-11-20');
    await tp.getByLabel('Value', { exact: true }).fill('6');
    await tp.getByRole('button', { name: 'Add measurement' }).click();
    const chart = tp.getByRole('img', { name: /^Progress chart of 1 measurement/ });
    await chart.locator('canvas').first().waitFor();
    await checkScreen(teacherView, 'loop-10-goal-evidence-chart');

    // All this while, the coach's open page never showed the private note.
    assert.equal(await cp.getByText(NOTE).count(), 0, 'the coach never sees the private note');

    // --- the teacher revokes the share; the coach's open player stops ---------------------------
    await tp.getByRole('link', { name: 'My lessons', exact: true }).click();
    await tp.getByRole('link', { name: TITLE }).click();
    await tp.getByRole('button', { name: 'Share', exact: true }).click();
    await share.getByText(new RegExp(`^${coach.displayName} \\(coach\\) (watched|opened the lesson)`)).first().waitFor();
    await share.getByRole('button', { name: `Revoke access for ${coach.displayName}` }).click();
    await share.getByText(`${coach.displayName} no longer has access`).waitFor();
    await cp.getByText('Your access to this lesson ended.').waitFor({ timeout: 15_000 });
    assert.equal(await cp.getByLabel(/^Lesson video/).count(), 0, 'the player is gone');
    assert.equal(await cp.getByText(COMMENT).count(), 0, 'and the comments with it');
    onlyRefusals(coachView);
    await checkScreen(coachView, 'loop-11-access-ended');
    assert.deepEqual(teacherView.problems(), [], 'the teacher\'s page logged no errors');

    // --- an admin following the link sees nothing of it -----------------------------------------
    const media = [];
    const adminAgain = await newPerson(browser);
    adminAgain.page.on('request', (request) => request.url().includes('/media/') && media.push(request.url()));
    const link = `/recordings/${stored.id}`;
    await adminAgain.page.goto(`${server.url}${link}`);
    await signInThroughForm(adminAgain.page, bootstrapAdmin.email, bootstrapAdmin.password);
    await adminAgain.page.getByText('This recording is not available to you').waitFor();
    assert.equal(await adminAgain.page.getByText(TITLE).count(), 0, 'not even the title');
    // The page reads the recording and its timeline at once: the second refusal can come a moment after the notice.
    await adminAgain.page.waitForLoadState('networkidle');
    assert.deepEqual(media, [], 'no media was requested');
    onlyRefusals(adminAgain);
    await checkScreen(adminAgain, 'loop-12-admin-not-available');
    t.diagnostic(`the walk-through took ${((Date.now() - started) / 1000).toFixed(0)} s`);
    passed();
  });
