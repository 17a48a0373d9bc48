// The review page's tools beyond the main loop, in Chromium against the real server: the comment
// filters (tag, author, kind), `[` and `]` to the previous and next comment, 1–9 to tag the
// selected comment, `#` and `@` completion by keyboard, adding a clip to a playlist; on a 768 px
// tablet, tap to play and double-tap to skip 10 s; on a 375 px phone, sign-in, the library and
// upload; and with the connection gone, a non-blocking message while the typed comment survives,
// a reload included, until it is posted.
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { test } from 'node:test';

import { browserSkipReason, startApp } from './support/app.mjs';
import { assertAccessible, checkScreen, newPerson, screenshot, signInThroughForm } from './support/browser.mjs';
import { sharedLesson } from './support/review.mjs';

const TABLET = { viewport: { width: 768, height: 1024 }, hasTouch: true };
const PHONE = { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true };
const DRAFT = 'Lovely recovery when the group lost focus';

/** A person signed in through the form who followed `link`. */
async function openAs(browser, link, user, device) {
  const person = await newPerson(browser, device);
  await person.page.goto(link);
  await signInThroughForm(person.page, user.email, user.password);
  return person;
}

/** The slider's position in whole seconds. */
async function position(page) {
  return Number(await page.getByRole('slider', { name: 'Position in the lesson' }).getAttribute('aria-valuenow'));
}

async function until(what, check, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the review page\'s filters, comment keys, completion, playlists, touch, the phone and a lost connection',
  { skip: browserSkipReason(), timeout: 15 * 60 * 1000 }, async (t) => {
    const { server, browser, logFile, passed } = await startApp(t);
    const lesson = await sharedLesson({ server, work: dirname(logFile), logFile, seconds: 30, size: '640x360' });
    const { recording, teacher, coach, teacherSession, coachSession, tags } = lesson;
    // The framework's tags in the order the server gives them: the order of the keys 1–9 and of `#` completion.
    const tag = (name) => tags.find((t) => t.name === name);
    const [questioning, engagement] = [tag('Questioning'), tag('Student engagement')];
    const names = tags.map((t) => t.name);
    const comments = `/api/recordings/${recording.id}/comments`;
    await coachSession.post(comments, { startMs: 2000, body: 'Open question to the class', visibility: 'shared', tagIds: [questioning.id] }, 201);
    await coachSession.post(comments, { startMs: 5000, body: 'Note to self: ask about seating', visibility: 'private' }, 201);
    await coachSession.post(comments, { startMs: 8000, body: 'Everyone is on task here', visibility: 'shared', tagIds: [engagement.id] }, 201);
    await teacherSession.post(comments, { startMs: 14000, body: 'I was nervous in this part', visibility: 'shared' }, 201);
    await coachSession.post(`/api/recordings/${recording.id}/clips`, { title: 'Pair talk', startMs: 20000, endMs: 25000 }, 201);
    const link = `${server.url}/recordings/${recording.id}`;

    let failures = 0;
    const step = (name, body) => t.test(name, async () => {
      try {
        await body();
      } catch (err) {
        failures++;
        throw err;
      }
    });

    const coachView = await openAs(browser, link, coach);
    const { page } = coachView;
    await page.getByRole('heading', { name: 'Fractions, period 3', level: 1 }).waitFor();
    const list = page.getByRole('list', { name: 'Comments and clips in time order' });
    const rows = list.locator(':scope > li');
    const shown = async () => (await rows.allTextContents()).map((text) => /Open question|seating|on task|nervous|Pair talk/.exec(text)?.[0]);

    await step('the filters narrow the list by tag, author and kind', async () => {
      await until('the five items', async () => (await rows.count()) === 5);
      const filters = page.getByRole('group', { name: 'Filter comments' });
      await filters.getByLabel('Tag').selectOption({ label: 'Questioning' });
      assert.deepEqual(await shown(), ['Open question']);
      await page.getByRole('heading', { name: /^Comments 1 of 5$/ }).waitFor();
      await filters.getByLabel('Tag').selectOption({ label: 'Any tag' });
      await filters.getByLabel('Author').selectOption({ label: 'Ada Teacher' });
      assert.deepEqual(await shown(), ['nervous']);
      await filters.getByLabel('Author').selectOption({ label: 'Anyone' });
      await filters.getByLabel('Show').selectOption({ label: 'My private notes' });
      assert.deepEqual(await shown(), ['seating']);
      await filters.getByLabel('Show').selectOption({ label: 'Clips' });
      assert.deepEqual(await shown(), ['Pair talk']);
      await filters.getByLabel('Show').selectOption({ label: 'Shared comments' });
      await filters.getByLabel('Author').selectOption({ label: 'Cory Coach' });
      assert.deepEqual(await shown(), ['Open question', 'on task']);
      await checkScreen(coachView, 'review-tools-filtered');
      await filters.getByLabel('Show').selectOption({ label: 'Everything' });
      await filters.getByLabel('Author').selectOption({ label: 'Anyone' });
      assert.equal((await shown()).length, 5);
    });

    await step('] and [ go to the next and the previous comment', async () => {
      await page.getByRole('slider', { name: 'Position in the lesson' }).focus();
      await page.keyboard.press('Home');
      // The selection is marked by a signal effect, which Preact runs after the next frame: the
      // slider's new value can show a frame before it.
      const selected = () => list.locator(':scope > li[data-selected]').textContent({ timeout: 1000 }).catch(() => '');
      for (const [key, seconds, text] of [[']', 2, 'Open question'], [']', 5, 'seating'], [']', 8, 'on task'], ['[', 5, 'seating'], ['[', 2, 'Open question']]) {
        await page.keyboard.press(key);
        await until(`${key} to reach ${seconds} s`, async () => (await position(page)) === seconds);
        await until(`${key} to select the comment at ${seconds} s`, async () => new RegExp(text).test(await selected()), 2000)
          .catch(async () => assert.match(await selected(), new RegExp(text), `${key} selected the comment at ${seconds} s`));
      }
    });

    await step('1–9 put the n-th framework tag on the selected comment, and take it off again', async () => {
      const row = list.locator(':scope > li').filter({ hasText: 'Open question' });
      const chips = row.getByRole('list', { name: 'Tags' });
      const third = names[2] === 'Questioning' ? names[1] : names[2]; // one the comment does not have yet
      const key = String(names.indexOf(third) + 1);
      const saved = () => page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/comments/'));
      let answer = saved();
      await page.keyboard.press(key);
      assert.deepEqual((await (await answer).json()).tags.map((t) => t.name).sort(), [third, 'Questioning'].sort());
      await chips.getByText(third).waitFor();
      answer = saved();
      await page.keyboard.press(key);
      assert.deepEqual((await (await answer).json()).tags.map((t) => t.name), ['Questioning']);
      await chips.getByText(third).waitFor({ state: 'detached' });
      await page.keyboard.press('9');
      await page.getByRole('status').getByText('There is no framework tag 9.').waitFor();
    });

    await step('# and @ complete a tag and a person by keyboard in the comment box', async () => {
      await page.keyboard.press('c');
      const box = page.getByRole('textbox', { name: /^Comment at 0:02$/ });
      await box.waitFor();
      await box.pressSequentially('Ask ');
      await box.pressSequentially('@Ad');
      const people = page.getByRole('listbox', { name: 'People' });
      await people.getByRole('option', { name: '@Ada Teacher' }).waitFor();
      await checkScreen(coachView, 'review-tools-mention');
      await page.keyboard.press('Enter');
      assert.equal(await box.inputValue(), 'Ask @Ada Teacher ', 'the name and a space, to type on');
      await box.pressSequentially('about the next question #');
      const options = page.getByRole('listbox', { name: 'Tags' }).getByRole('option');
      assert.deepEqual(await options.allTextContents(), names.map((name) => `#${name}`));
      await page.keyboard.press('ArrowDown');
      assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
      await checkScreen(coachView, 'review-tools-tag-completion');
      await page.keyboard.press('Enter');
      await page.getByRole('form', { name: 'New comment' }).getByRole('list', { name: 'Tags' }).getByText(names[1]).waitFor();
      const posted = page.waitForResponse((r) => r.url().endsWith(comments) && r.request().method() === 'POST');
      await page.keyboard.press('Control+Enter');
      const comment = await (await posted).json();
      assert.equal(comment.body, 'Ask @Ada Teacher about the next question');
      assert.deepEqual(comment.mentions, [teacher.id]);
      assert.deepEqual(comment.tags.map((t) => t.name), [names[1]]);
      // The comment just posted is the selected one: 1 tags it.
      const answer = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/comments/${comment.id}`));
      await page.keyboard.press('1');
      assert.deepEqual((await (await answer).json()).tags.map((t) => t.name).sort(), [names[0], names[1]].sort());
    });

    await step('a clip goes into a new playlist, and the dialog knows it is there', async () => {
      const clipRow = list.locator(':scope > li').filter({ hasText: 'Pair talk' });
      await clipRow.getByRole('button', { name: 'Add to playlist' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add “Pair talk” to a playlist' });
      await dialog.getByLabel('Name of the new playlist').fill('Talk moves for Ada');
      await dialog.getByRole('button', { name: 'Add to playlist' }).click();
      await dialog.getByRole('status').getByText('Added to the new playlist “Talk moves for Ada”.').waitFor();
      await checkScreen(coachView, 'review-tools-playlist');
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await clipRow.getByRole('button', { name: 'Add to playlist' }).click();
      assert.ok(await dialog.getByLabel('Talk moves for Ada').isChecked(), 'the playlist made just now is offered first');
      await dialog.getByRole('button', { name: 'Add to playlist' }).click();
      await dialog.getByRole('status').getByText('“Talk moves for Ada” has this clip already.').waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      const [playlist] = await coachSession.get('/api/playlists');
      assert.deepEqual((await coachSession.get(`/api/playlists/${playlist.id}`)).clips.map((clip) => clip.title), ['Pair talk']);
    });

    await step('with the connection gone, a non-blocking message, and the typed comment survives until it is posted', async () => {
      await page.keyboard.press('c');
      const box = page.getByRole('textbox', { name: /^Comment at/ });
      await box.pressSequentially(DRAFT);
      await coachView.context.setOffline(true);
      await page.keyboard.press('Control+Enter');
      const why = page.getByRole('alert').getByText('Your comment was not posted (the text is kept; try again)');
      await why.waitFor();
      await page.getByText('No connection to the server. Your work stays on this page').waitFor();
      await why.scrollIntoViewIfNeeded();
      assert.ok(await why.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return element.contains(document.elementFromPoint(box.left + 10, box.top + box.height / 2));
      }), 'the connection banner does not cover why the comment was not posted');
      assert.equal(await box.inputValue(), DRAFT, 'the text is still in the box');
      // Non-blocking: the page still works.
      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('slider', { name: 'Position in the lesson' }).focus();
      await page.keyboard.press('ArrowRight');
      // Offline, Chromium logs every refused request: the one screen whose console is not clean.
      await assertAccessible(page, 'review-tools-offline-message');
      await screenshot(page, 'review-tools-offline-message');
      assert.ok(coachView.problems().every((p) => /ERR_INTERNET_DISCONNECTED|WebSocket/.test(p)),
        `only the lost connection was logged: ${coachView.problems().join('\n')}`);
      coachView.forgetProblems();

      await coachView.context.setOffline(false);
      await page.getByText('No connection to the server. Your work stays on this page').waitFor({ state: 'detached' });
      await page.reload();
      const again = page.getByRole('textbox', { name: /^Comment at/ });
      await again.waitFor();
      assert.equal(await again.inputValue(), DRAFT, 'the draft came back after a reload');
      const posted = page.waitForResponse((r) => r.url().endsWith(comments) && r.request().method() === 'POST');
      await again.focus();
      await page.keyboard.press('Control+Enter');
      assert.equal((await posted).status(), 201);
      await list.getByText(DRAFT).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: 'Fractions, period 3', level: 1 }).waitFor();
      assert.equal(await page.getByRole('form', { name: 'New comment' }).count(), 0, 'a posted draft is forgotten');
      assert.deepEqual(coachView.problems(), []);
    });

    await step('on a 768 px tablet, a tap plays and pauses, a double tap skips 10 s', async () => {
      const tablet = await openAs(browser, link, teacher, TABLET);
      const tp = tablet.page;
      const video = tp.getByLabel(/^Lesson video/);
      await video.waitFor();
      await tp.waitForFunction(() => document.querySelector('video')?.readyState >= 2);
      const box = await video.boundingBox();
      const left = { x: box.x + box.width * 0.25, y: box.y + box.height / 2 };
      const right = { x: box.x + box.width * 0.75, y: box.y + box.height / 2 };
      await tp.touchscreen.tap(left.x, left.y);
      await tp.getByRole('button', { name: 'Pause' }).waitFor();
      await tp.touchscreen.tap(left.x, left.y);
      await tp.getByRole('button', { name: 'Play', exact: true }).waitFor();
      const before = await tp.evaluate(() => document.querySelector('video').currentTime);
      await tp.touchscreen.tap(right.x, right.y);
      await tp.touchscreen.tap(right.x, right.y);
      await until('the double tap to skip ahead', () => tp.evaluate((t0) => Math.abs(document.querySelector('video').currentTime - t0 - 10) < 0.5, before));
      assert.ok(await tp.getByRole('button', { name: 'Play', exact: true }).isVisible(), 'a double tap does not start playback');
      await checkScreen(tablet, 'review-tools-tablet');
      await tp.touchscreen.tap(left.x, left.y);
      await tp.touchscreen.tap(left.x, left.y);
      await until('the double tap to skip back', () => tp.evaluate((t0) => Math.abs(document.querySelector('video').currentTime - t0) < 0.5, before));
      assert.deepEqual(tablet.problems(), []);
      await tablet.close();
    });

    await step('on a 375 px phone, sign-in, the library and upload work', async () => {
      const phone = await newPerson(browser, PHONE);
      const pp = phone.page;
      await pp.goto(`${server.url}/`);
      await pp.getByRole('heading', { name: 'Sign in to Lessonloop' }).waitFor();
      await checkScreen(phone, 'review-tools-phone-sign-in');
      await pp.getByLabel('Email').tap();
      await pp.getByLabel('Email').fill(teacher.email);
      await pp.getByLabel('Password').fill(teacher.password);
      await pp.getByRole('button', { name: 'Sign in' }).tap();
      await pp.waitForURL(`${server.url}/recordings`);
      await pp.getByRole('heading', { name: 'Fractions, period 3' }).waitFor();
      const wide = await pp.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 375, `the library fits the phone's width (${wide} px)`);
      await checkScreen(phone, 'review-tools-phone-library');
      await pp.getByRole('link', { name: 'Upload', exact: true }).tap();
      await pp.getByLabel('Choose video files').waitFor();
      assert.ok(await pp.evaluate(() => document.documentElement.scrollWidth) <= 375, 'upload fits the phone\'s width');
      await checkScreen(phone, 'review-tools-phone-upload');
      assert.deepEqual(phone.problems(), []);
      await phone.close();
    });

    if (failures === 0) passed();
  });
