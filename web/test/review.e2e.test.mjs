// The review page in Chromium, as a coaching pair uses it: the coach plays the lesson, presses C at
// about 3 s, comments with a tag, finds its marker where it belongs, makes a clip with I and O and
// exports it; the teacher sees the comment arrive, replies, writes a private note the coach never
// sees, and revokes the share, which stops the coach's player; an administrator sees nothing. What
// one person does reaches the other's open page over the live channel: neither page reads the
// timeline again meanwhile (it would only poll while the socket is down).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { test } from 'node:test';

import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';
import { bootstrapAdmin } from './support/api.mjs';
import { sharedLesson } from './support/review.mjs';

const COMMENT = 'Good wait time before calling on anyone';
const NOTE = 'Ask Cory about pacing next week';
const REPLY = 'Thanks, I will keep doing that';

/** A person signed in through the form who followed the link. */
async function openAs(browser, link, user, { before } = {}) {
  const person = await newPerson(browser);
  before?.(person);
  await person.page.goto(link);
  await signInThroughForm(person.page, user.email, user.password);
  return person;
}

/** The times at which a page asked for the recording's timeline again (what it does when not live). */
function timelineReads(person) {
  const reads = [];
  person.page.on('request', (request) => request.url().endsWith('/timeline') && reads.push(Date.now()));
  return reads;
}

/** The slider's position in whole seconds. */
async function position(page) {
  return Number(await page.getByRole('slider', { name: 'Position in the lesson' }).getAttribute('aria-valuenow'));
}

/** Only refused requests (404 after the share was revoked) may have been logged. */
function onlyRefusals(person) {
  const other = person.problems().filter((p) => !/status of (404|403)/.test(p));
  assert.deepEqual(other, [], 'nothing but refused requests was logged');
  person.forgetProblems();
}

test('the review page: comment with C and a tag, a clip from I/O exported, live replies, private notes, revocation, no admin access',
  { skip: browserSkipReason(), timeout: 15 * 60 * 1000 }, async (t) => {
    const { server, browser, logFile, passed } = await startApp(t);
    const lesson = await sharedLesson({ server, work: dirname(logFile), logFile, seconds: 20 });
    const { recording, teacher, coach } = lesson;
    const link = `${server.url}/recordings/${recording.id}`;

    // The teacher has her lesson open before the coach comments; both pages follow it live.
    const teacherView = await openAs(browser, link, teacher);
    const tp = teacherView.page;
    await tp.getByRole('heading', { name: 'Fractions, period 3' }).waitFor();
    await tp.getByText('Live', { exact: true }).waitFor();
    const teacherReads = timelineReads(teacherView);

    const coachView = await openAs(browser, link, coach);
    const { page } = coachView;
    await page.getByRole('heading', { name: 'Fractions, period 3' }).waitFor();
    await page.getByText('Live', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    for (let i = 0; i < 300 && (await position(page)) < 3; i++) await page.waitForTimeout(100);
    await page.keyboard.press('c');
    const box = page.getByRole('textbox', { name: /^Comment at 0:0[34]$/ });
    await box.waitFor();
    assert.ok(await page.getByRole('button', { name: 'Play', exact: true }).isVisible(), 'playback paused while typing');
    await box.focus();
    await page.keyboard.type(`${COMMENT} #Ques`);
    await page.getByRole('listbox', { name: 'Tags' }).getByRole('option', { name: '#Questioning' }).waitFor();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'New comment' });
    await form.getByRole('list', { name: 'Tags' }).getByText('Questioning').waitFor();
    const posted = page.waitForResponse((r) => r.url().endsWith(`/api/recordings/${recording.id}/comments`) && r.request().method() === 'POST');
    await page.keyboard.press('Control+Enter');
    const comment = await (await posted).json();
    const postedAt = Date.now();
    assert.equal(comment.body, COMMENT, 'the tag completion took its #word out of the text');
    assert.deepEqual(comment.tags.map((tag) => tag.name), ['Questioning']);
    assert.ok(comment.startMs >= 2500 && comment.startMs <= 4500, `commented at ${comment.startMs} ms`);

    const row = page.getByRole('listitem').filter({ hasText: COMMENT });
    await row.getByRole('list', { name: 'Tags' }).getByText('Questioning').waitFor();
    const marker = page.getByRole('button', { name: new RegExp(`^Comment at 0:0\\d, Cory Coach: ${COMMENT}`) });
    const [dot, strip] = await Promise.all([marker.boundingBox(), page.getByRole('slider', { name: 'Position in the lesson' }).boundingBox()]);
    const expected = strip.x + 1 + ((strip.width - 2) * comment.startMs) / recording.media.durationMs;
    assert.ok(Math.abs(dot.x + dot.width / 2 - expected) < 4, `marker at ${dot.x + dot.width / 2}, its time at ${expected}`);

    // The teacher sees it without reloading, over the live channel.
    await tp.getByText(COMMENT).waitFor({ timeout: 15_000 });
    t.diagnostic(`the comment reached the teacher's page ${Date.now() - postedAt} ms after it was posted`);
    assert.deepEqual(teacherReads, [], 'it came over the live channel: the teacher\'s page did not read the timeline');

    // The coach corrects it; the teacher sees the edit.
    await page.getByRole('listitem').filter({ hasText: COMMENT }).getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('textbox', { name: 'Edit comment' }).fill(`${COMMENT}, then three hands`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await tp.getByText(`${COMMENT}, then three hands`).waitFor({ timeout: 15_000 });
    await tp.getByRole('listitem').filter({ hasText: COMMENT }).getByText('(edited)').waitFor();

    // Playback went on once the comment was posted. A range clip from I and O, exported and downloaded.
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.keyboard.press('k');
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    const slider = page.getByRole('slider', { name: 'Position in the lesson' });
    await slider.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('i');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('o');
    await page.getByText('In 0:05').waitFor();
    await page.getByText('Out 0:10').waitFor();
    await checkScreen(coachView, 'review-coach-1280');
    await page.getByRole('button', { name: 'Make a clip' }).click();
    const clipDialog = page.getByRole('dialog', { name: 'Make a clip of 0:05 to 0:10' });
    await clipDialog.getByLabel('Name').fill('Wait time');
    await clipDialog.getByLabel('Note').fill('Three seconds of silence, then hands go up');
    await clipDialog.getByRole('button', { name: 'Make clip' }).click();
    const clipRow = page.getByRole('listitem').filter({ hasText: 'Three seconds of silence' });
    await clipRow.waitFor();
    await tp.getByRole('listitem').filter({ hasText: 'Three seconds of silence' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /^Clip 0:05, Wait time/ }).waitFor();
    await clipRow.getByRole('button', { name: 'Export MP4' }).click();
    const download = clipRow.getByRole('link', { name: /Download MP4/ });
    await download.waitFor({ timeout: 180_000 });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const mp4 = await readFile(await file.path());
    assert.equal(mp4.subarray(4, 8).toString('latin1'), 'ftyp', 'the download is an MP4');

    // A clip made by mistake and deleted comes and goes on the teacher's page.
    await page.keyboard.press('i');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('o');
    await page.getByRole('button', { name: 'Make a clip' }).click();
    const mistake = page.getByRole('dialog', { name: /^Make a clip of/ });
    await mistake.getByLabel('Name').fill('Wrong moment');
    await mistake.getByRole('button', { name: 'Make clip' }).click();
    const wrongRow = (p) => p.getByRole('listitem').filter({ hasText: 'Wrong moment' });
    await wrongRow(tp).waitFor({ timeout: 15_000 });
    await wrongRow(page).getByRole('button', { name: 'Delete clip' }).click();
    await wrongRow(page).getByRole('button', { name: 'Yes, delete' }).click();
    await wrongRow(tp).waitFor({ state: 'detached', timeout: 15_000 });

    await page.setViewportSize({ width: 768, height: 1024 });
    await checkScreen(coachView, 'review-coach-768');
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.getByText('Apply the n-th framework tag').waitFor();
    await checkScreen(coachView, 'review-keyboard-help');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });

    // The teacher replies with a mention, then writes a note only she sees.
    const teacherRow = tp.getByRole('listitem').filter({ hasText: COMMENT });
    await teacherRow.getByRole('button', { name: 'Reply' }).click();
    const replyBox = tp.getByRole('textbox', { name: 'Reply to Cory Coach' });
    await replyBox.pressSequentially(`${REPLY} @Co`);
    await tp.getByRole('listbox', { name: 'People' }).getByRole('option', { name: '@Cory Coach' }).click();
    await tp.getByRole('button', { name: 'Post reply' }).click();
    await teacherRow.getByText(`${REPLY} @Cory Coach`).waitFor();
    await page.getByText(`${REPLY} @Cory Coach`).waitFor({ timeout: 15_000 });

    await tp.getByRole('button', { name: 'Comment here' }).click();
    await tp.getByLabel('Private note (only you)').check();
    await tp.getByRole('textbox', { name: /^Private note at/ }).fill(NOTE);
    await tp.getByRole('form', { name: 'New comment' }).getByRole('button', { name: /^Post/ }).click();
    const noteRow = tp.getByRole('listitem').filter({ hasText: NOTE });
    await noteRow.getByText('Private note · only you').waitFor();
    await checkScreen(teacherView, 'review-teacher-1280');
    await tp.setViewportSize({ width: 768, height: 1024 });
    await checkScreen(teacherView, 'review-teacher-768');

    // Long enough for a live event or a refresh to have brought it, if it were sent.
    await page.waitForTimeout(6000);
    assert.equal(await page.getByText(NOTE).count(), 0, 'the coach never sees the private note');
    const coachTimeline = await lesson.coachSession.get(`/api/recordings/${recording.id}/timeline`);
    assert.ok(!JSON.stringify(coachTimeline).includes(NOTE));

    assert.deepEqual(teacherReads, [], 'everything the coach did reached the teacher over the live channel');

    // Sharing: who has access and who watched; revoking stops the coach's open player at once.
    const coachReads = timelineReads(coachView);
    await tp.setViewportSize({ width: 1280, height: 900 });
    await tp.getByRole('button', { name: 'Share', exact: true }).click();
    const share = tp.getByRole('dialog', { name: 'Share this lesson' });
    await share.getByText(/^Cory Coach \(coach\) (watched|opened the lesson)/).first().waitFor();
    await checkScreen(teacherView, 'review-share-dialog');
    await share.getByRole('button', { name: 'Revoke access for Cory Coach' }).click();
    await share.getByText('Cory Coach no longer has access').waitFor();
    const revokedAt = Date.now();
    await page.getByText('Your access to this lesson ended.').waitFor({ timeout: 15_000 });
    t.diagnostic(`the coach's page said access ended ${Date.now() - revokedAt} ms after the revocation`);
    assert.deepEqual(coachReads.filter((at) => at >= revokedAt - 1000), [], 'the channel ended it, not a poll of the timeline');
    assert.equal(await page.getByLabel(/^Lesson video/).count(), 0, 'the player is gone');
    assert.equal(await page.getByText(COMMENT).count(), 0, 'and the comments with it');
    onlyRefusals(coachView);
    await checkScreen(coachView, 'review-access-ended');

    // An administrator following the link sees one calm sentence and no media is asked for.
    const media = [];
    const adminView = await openAs(browser, link, bootstrapAdmin, {
      before: (person) => person.page.on('request', (request) => request.url().includes('/media/') && media.push(request.url())),
    });
    await adminView.page.getByText('This recording is not available to you').waitFor();
    assert.deepEqual(media, [], 'no media was requested');
    assert.equal(await adminView.page.getByText('Fractions, period 3').count(), 0, 'not even the title');
    onlyRefusals(adminView);
    await checkScreen(adminView, 'review-admin-not-available');
    passed();
  });
