// Retention and takeout in the browser (issue 12 items 6 and 7): the admin sets the organization's
// policy on the admin screen (a bad one is refused with the server's reason), a teacher whose
// lesson has had no activity for 25 days sees the warning on her library with the date and keeps
// it by keyboard; her security page offers all her data as one download. axe and a screenshot on
// every screen. The server runs on this machine's PostgreSQL so the test can age the lesson's rows.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bootstrapAdmin, teacherWithNewRecording } from './support/api.mjs';
import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';
import { createDatabase, dropDatabase, postgresReason, psql } from './support/postgres.mjs';

const database = `lessonloop_e2e_retention_${process.pid}`;

async function signedIn(browser, url, email, password) {
  const person = await newPerson(browser);
  await person.page.goto(`${url}/signin`);
  await signInThroughForm(person.page, email, password);
  await person.page.getByRole('button', { name: 'Sign out' }).waitFor();
  person.forgetProblems(); // the 401 of GET /api/me before signing in
  return person;
}

test('an admin sets the retention policy, a teacher is warned and keeps her lesson, and can download all her data',
  { skip: browserSkipReason() || postgresReason(), timeout: 5 * 60 * 1000 }, async (t) => {
    const env = createDatabase(database);
    t.after(() => dropDatabase(database));
    const { server, browser, passed } = await startApp(t, { env });

    // --- the admin's policy: refused with a reason, then saved, all by keyboard ----------------
    const admin = await signedIn(browser, server.url, bootstrapAdmin.email, bootstrapAdmin.password);
    await admin.page.goto(`${server.url}/admin`);
    await admin.page.waitForLoadState('networkidle'); // the stored policy is in the form before anyone types
    const card = admin.page.getByRole('region', { name: 'Retention' });
    await card.getByLabel('Delete recordings after this many days without activity').fill('30');
    await card.getByLabel('Warn the owner this many days before a deletion').fill('30');
    await card.getByLabel('Warn the owner this many days before a deletion').press('Enter');
    await card.getByRole('alert').getByText(/must be shorter than the deletion period/).waitFor();
    admin.forgetProblems(); // the 400 the bad policy got
    await checkScreen(admin, 'retention-admin-refused');
    await card.getByLabel('Purge originals this many days after the renditions exist').fill('90');
    const warn = card.getByLabel('Warn the owner this many days before a deletion');
    await warn.fill('7');
    await warn.focus();
    await admin.page.keyboard.press('Tab');
    assert.equal(await admin.page.evaluate(() => document.activeElement?.textContent), 'Save retention policy', 'Tab reaches Save');
    await admin.page.keyboard.press('Enter');
    await card.getByText(/Retention policy saved|must|between/).last().waitFor();
    assert.equal(await card.getByRole('alert').textContent(), '', 'no refusal');
    await card.getByRole('status').getByText(/Retention policy saved/).waitFor();
    await admin.page.reload();
    await admin.page.waitForLoadState('networkidle');
    assert.equal(await admin.page.getByLabel('Purge originals this many days after the renditions exist').inputValue(), '90');
    await checkScreen(admin, 'retention-admin-saved');

    // --- a lesson 25 days without activity: the teacher is warned and keeps it ----------------
    const { recording, teacher } = await teacherWithNewRecording(server.url, bootstrapAdmin, 'Fractions, period 3');
    psql(`UPDATE recordings SET created_at = now() - interval '25 days', updated_at = now() - interval '25 days' WHERE id = '${recording.id}';
          SET session_replication_role = replica; -- the audit is append-only for the app (V11's triggers)
          UPDATE audit_events SET occurred_at = now() - interval '25 days' WHERE recording_id = '${recording.id}'`, database);
    const tia = await signedIn(browser, server.url, teacher.email, teacher.password);
    await tia.page.goto(`${server.url}/`);
    const notice = tia.page.getByRole('region', { name: 'Lessons to be deleted soon' });
    await notice.getByText('Fractions, period 3').waitFor();
    await notice.getByText(/after 30 days without activity/).waitFor();
    const expected = new Date(Date.now() + 5 * 24 * 3600 * 1000).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' });
    assert.match(await notice.textContent(), new RegExp(`deleted on ${expected}`), 'the date it goes, 30 days after the last activity');
    await checkScreen(tia, 'retention-teacher-warning');
    const keep = notice.getByRole('button', { name: 'Keep “Fractions, period 3”' });
    await keep.focus();
    await tia.page.keyboard.press('Enter');
    await tia.page.getByRole('status').getByText(/is kept; nothing of it will be deleted for another 30 days/).waitFor();
    // The notice goes once the list is read again after the keep, a moment after the status says so.
    await tia.page.getByRole('region', { name: 'Lessons to be deleted soon' }).waitFor({ state: 'detached', timeout: 5000 });
    await checkScreen(tia, 'retention-teacher-kept');

    // --- her data, one download -------------------------------------------------------------
    await tia.page.goto(`${server.url}/security`);
    const download = tia.page.getByRole('link', { name: 'Download all my data' });
    await download.waitFor();
    await checkScreen(tia, 'takeout-security-page');
    const [file] = await Promise.all([tia.page.waitForEvent('download'), download.click()]);
    assert.match(file.suggestedFilename(), /^lessonloop-takeout-\d{4}-\d{2}-\d{2}\.zip$/);
    assert.equal(await file.failure(), null, 'the archive downloaded');
    passed();
  });
