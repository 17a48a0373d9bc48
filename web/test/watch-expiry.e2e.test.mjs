// Who watched my lesson and shares that expire (issue 12 items 4 and 5), in Chromium against the
// real server: the coach plays the lesson for several seconds; the teacher's Share dialog then says
// "Cory Coach (coach) watched N s on …" from the player's own reports. She gives the share an end
// (shown in the dialog, flagged in her library with a notice), and a share that lapses while the
// coach's player is open ends that player, as a revocation does.
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { test } from 'node:test';

import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';
import { sharedLesson } from './support/review.mjs';

async function openAs(browser, link, user) {
  const person = await newPerson(browser);
  await person.page.goto(link);
  await signInThroughForm(person.page, user.email, user.password);
  return person;
}

async function position(page) {
  return Number(await page.getByRole('slider', { name: 'Position in the lesson' }).getAttribute('aria-valuenow'));
}

/** A datetime-local value in the browser's (this machine's) time zone. */
function localInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

test('the owner sees the coach\'s real playback with its seconds; a share with an end is shown, flagged, and ends an open player',
  { skip: browserSkipReason(), timeout: 15 * 60 * 1000 }, async (t) => {
    const { server, browser, logFile, passed } = await startApp(t);
    const lesson = await sharedLesson({ server, work: dirname(logFile), logFile, seconds: 20 });
    const { recording, teacher, coach, teacherSession } = lesson;
    const link = `${server.url}/recordings/${recording.id}`;

    // --- the coach watches about six seconds, pauses, and leaves -------------------------------
    const coachView = await openAs(browser, link, coach);
    const cp = coachView.page;
    await cp.getByRole('heading', { name: 'Fractions, period 3' }).waitFor();
    const reported = cp.waitForResponse((r) => r.url().includes('/playback/') && r.request().method() === 'PUT');
    await cp.getByRole('button', { name: 'Play', exact: true }).click();
    for (let i = 0; i < 300 && (await position(cp)) < 6; i++) await cp.waitForTimeout(100);
    await cp.getByRole('button', { name: 'Pause', exact: true }).click();
    assert.equal((await reported).status(), 204, 'the pause was reported');
    await coachView.close();

    // --- the teacher reads who watched ----------------------------------------------------------
    const teacherView = await openAs(browser, link, teacher);
    const tp = teacherView.page;
    await tp.getByRole('heading', { name: 'Fractions, period 3' }).waitFor();
    await tp.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = tp.getByRole('dialog', { name: 'Share this lesson' });
    const line = dialog.getByRole('list', { name: 'Who watched and what they did' })
      .getByText(/^Cory Coach \(coach\) watched \d+ s on .+, .+–.+/);
    await line.waitFor();
    const text = await line.textContent();
    const seconds = Number(/watched (\d+) s/.exec(text)[1]);
    t.diagnostic(`the owner reads: "${text}"`);
    assert.ok(seconds >= 5 && seconds <= 15, `about six seconds watched, read ${seconds}`);
    await dialog.getByText(/Times are in /).waitFor();
    await checkScreen(teacherView, 'watch-history-share-dialog');

    // --- she gives the share an end, by keyboard --------------------------------------------------
    const end = new Date(Date.now() + 36 * 3_600_000);
    const field = dialog.getByLabel('New end for Cory Coach');
    await field.focus();
    await field.fill(localInput(end));
    await tp.keyboard.press('Tab');
    await tp.keyboard.press('Enter');
    await dialog.getByText(/^Cory Coach's access now ends/).waitFor();
    await dialog.getByRole('row', { name: /Cory Coach/ }).getByText(/^Ends .*\((in|tomorrow)/).waitFor();
    const shares = await teacherSession.get(`/api/recordings/${recording.id}/shares`);
    assert.equal(new Date(shares[0].expiresAt).getTime(), new Date(localInput(end)).getTime(), 'stored as the instant she chose');
    await checkScreen(teacherView, 'share-dialog-with-expiry');
    await tp.keyboard.press('Escape');

    // --- her library warns her before it lapses ---------------------------------------------------
    await tp.getByRole('link', { name: 'My lessons', exact: true }).click();
    const notice = tp.getByRole('status', { name: 'Shares ending soon' });
    await notice.getByRole('link', { name: 'Fractions, period 3' }).waitFor();
    await tp.getByRole('list', { name: 'Recordings' }).getByText(/^Share ends (in|tomorrow)/).waitFor();
    await checkScreen(teacherView, 'library-share-ends-soon');

    // --- a share that lapses while the coach watches ends her player --------------------------------
    const soon = new Date(Date.now() + 12_000).toISOString();
    await teacherSession.request('PATCH', `/api/recordings/${recording.id}/shares/${coach.id}`, { expiresAt: soon }, 204);
    const again = await openAs(browser, link, coach);
    await again.page.getByRole('heading', { name: 'Fractions, period 3' }).waitFor();
    await again.page.getByText('Your access to this lesson ended.').waitFor({ timeout: 30_000 });
    const late = Date.now() - new Date(soon).getTime();
    t.diagnostic(`the coach's open page ended ${late} ms after the share's end`);
    assert.ok(late >= 0 && late < 6_000, `ended ${late} ms after the end`);
    assert.equal(await again.page.getByLabel(/^Lesson video/).count(), 0, 'the player is gone');
    again.forgetProblems();
    passed();
  });
