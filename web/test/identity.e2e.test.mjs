// Identity an admin cannot borrow (issue 12), used as people use it: an admin invites a teacher
// and gets a link shown once; the teacher opens it, is refused a common password, chooses her own
// and lands signed in on her security page; she sees her sessions and ends another one, changes her
// password, and sees every invitation, activation and reset with its time. The admin's reset signs
// her out and gives a new link; the admin's sign-out everywhere ends her sessions. axe and a
// screenshot on every screen, no console errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bootstrapAdmin } from './support/api.mjs';
import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';

const teacher = { displayName: 'Ines Invited', email: 'ines@school.example' };
const FIRST = 'tea with lemon at four';
const SECOND = 'biscuits and honey at five';

async function signedIn(browser, url, email, password) {
  const person = await newPerson(browser);
  await person.page.goto(`${url}/signin`);
  await signInThroughForm(person.page, email, password);
  await person.page.getByRole('button', { name: 'Sign out' }).waitFor();
  person.forgetProblems(); // the 401 of GET /api/me before signing in
  return person;
}

/** Opens an invitation or reset link in a fresh browser and sets the password through the page. */
async function accept(browser, link, heading, password) {
  const person = await newPerson(browser);
  await person.page.goto(link);
  await person.page.getByRole('heading', { name: heading }).waitFor();
  person.forgetProblems(); // the 401 of GET /api/me: nobody is signed in yet
  return person;
}

async function setPassword(page, password) {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Type it again').fill(password);
  await page.getByRole('button', { name: 'Set my password' }).click();
}

test('an admin invites, resets and signs out a teacher who sets her own password and sees all of it on her security page',
  { skip: browserSkipReason(), timeout: 6 * 60 * 1000 }, async (t) => {
    const { server, browser, passed } = await startApp(t);

    // --- the admin invites: the link is shown once, no password field anywhere ---------------
    const admin = await signedIn(browser, server.url, bootstrapAdmin.email, bootstrapAdmin.password);
    await admin.page.goto(`${server.url}/admin`);
    const form = admin.page.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('Name').fill(teacher.displayName);
    await form.getByLabel('Email').fill(teacher.email);
    await form.getByLabel('Role').selectOption({ label: 'Teacher' });
    assert.equal(await admin.page.locator('input[type=password]').count(), 0, 'an admin never types a password for someone');
    await form.getByRole('button', { name: 'Invite' }).click();
    await form.getByRole('status').getByText(`${teacher.displayName} is invited.`).waitFor();
    const link = await form.getByLabel(`Link for ${teacher.displayName}`).inputValue();
    assert.match(link, new RegExp(`^${server.url}/invitation#[A-Za-z0-9_-]{40,}$`));
    const people = admin.page.getByRole('table', { name: 'People in your organization' });
    const row = people.getByRole('row').filter({ hasText: teacher.email });
    await row.getByRole('cell', { name: 'Invited', exact: true }).waitFor();
    await checkScreen(admin, 'identity-admin-invited');

    // --- the teacher opens the link and chooses her own password -----------------------------
    const laptop = await accept(browser, link, `Welcome, ${teacher.displayName}`);
    await checkScreen(laptop, 'identity-invitation');
    await setPassword(laptop.page, 'password2026');
    await laptop.page.getByRole('alert').getByText(/common/).waitFor();
    laptop.forgetProblems(); // the 400 the weak password got
    await setPassword(laptop.page, FIRST);
    await laptop.page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
    assert.equal(new URL(laptop.page.url()).pathname, '/security');
    const history = laptop.page.getByRole('table', { name: /What happened to your account/ });
    await history.getByRole('cell', { name: 'Password set with a link' }).waitFor();
    await history.getByRole('cell', { name: 'Administrator (administrator)' }).first().waitFor();
    await checkScreen(laptop, 'identity-security-first');

    // --- a second session, seen and ended from the first -------------------------------------
    const phone = await signedIn(browser, server.url, teacher.email, FIRST);
    await laptop.page.reload();
    const sessions = laptop.page.getByRole('table', { name: /Your sessions/ });
    await sessions.getByText('This browser').waitFor();
    const end = sessions.getByRole('button', { name: /^End the session on/ });
    assert.equal(await end.count(), 1, 'the phone\'s session, besides this one');
    await checkScreen(laptop, 'identity-sessions');
    await end.click();
    await laptop.page.waitForFunction(() => document.querySelectorAll('button[aria-label^="End the session"]').length === 0);
    await phone.page.reload();
    await phone.page.getByRole('heading', { name: 'Sign in to Lessonloop' }).waitFor();
    phone.forgetProblems();

    // --- she changes her password, giving the current one -------------------------------------
    const change = laptop.page.getByRole('form', { name: 'Change your password' });
    await change.getByLabel('Current password').fill(FIRST);
    await change.getByLabel('New password').fill(SECOND);
    await change.getByLabel('Type it again').fill(SECOND);
    await change.getByRole('button', { name: 'Change password' }).click();
    await laptop.page.getByRole('status').getByText('Your password is changed').waitFor();
    await history.getByRole('cell', { name: 'Password changed' }).waitFor();

    // --- the admin resets her: signed out, a new link, and she sees it ------------------------
    await admin.page.getByRole('button', { name: `Reset ${teacher.displayName}` }).click();
    await admin.page.getByText(`${teacher.displayName}'s account is reset and signed out everywhere.`).waitFor();
    const resetLink = await admin.page.getByLabel(`Link for ${teacher.displayName}`).inputValue();
    assert.notEqual(resetLink, link);
    await laptop.page.reload();
    await laptop.page.getByRole('heading', { name: 'Sign in to Lessonloop' }).waitFor();
    laptop.forgetProblems();
    await laptop.page.goto(link);
    await laptop.page.getByRole('heading', { name: 'This link does not work' }).waitFor();
    laptop.forgetProblems(); // the used link's 404
    await checkScreen(laptop, 'identity-used-link');
    const again = await accept(browser, resetLink, 'Choose a new password');
    await setPassword(again.page, 'a third phrase of my own');
    await again.page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
    const kinds = await again.page.getByRole('table', { name: /What happened to your account/ })
      .locator('tbody tr td:first-child').allTextContents();
    assert.deepEqual(kinds, ['Password set with a link', 'Account reset', 'Password changed', 'Password set with a link', 'Invited']);
    await checkScreen(again, 'identity-security-after-reset');

    // --- the admin signs her out everywhere -------------------------------------------------
    await admin.page.getByRole('button', { name: `Sign out ${teacher.displayName} everywhere` }).click();
    await admin.page.getByText(`${teacher.displayName} is signed out everywhere.`).waitFor();
    await again.page.reload();
    await again.page.getByRole('heading', { name: 'Sign in to Lessonloop' }).waitFor();
    again.forgetProblems();
    await checkScreen(admin, 'identity-admin-after-sign-out');
    passed();
  });
