// Mail (issue 12, item 2) as people meet it: with SMTP configured, the admin invites a teacher and
// is told where the link went, never shown it; the teacher opens the mailed link, sets her password,
// and on her security page turns the daily digest off, which holds after a reload. axe and a
// screenshot on each screen, keyboard only for the choice.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bootstrapAdmin } from './support/api.mjs';
import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';
import { freePort } from './support/server.mjs';
import { startSmtpSink } from './support/smtp.mjs';

const teacher = { displayName: 'Mia Mailed', email: 'mia@school.example' };

test('a mailed invitation opens an account whose person chooses which mails she gets',
  { skip: browserSkipReason(), timeout: 6 * 60 * 1000 }, async (t) => {
    const smtp = await startSmtpSink();
    t.after(() => smtp.close());
    const port = await freePort();
    const { server, browser, passed } = await startApp(t, {
      env: {
        LESSONLOOP_HTTP_PORT: String(port),
        LESSONLOOP_PUBLIC_URL: `http://127.0.0.1:${port}`,
        LESSONLOOP_SMTP_HOST: '127.0.0.1',
        LESSONLOOP_SMTP_PORT: String(smtp.port),
        LESSONLOOP_SMTP_FROM: 'Lessonloop <lessonloop@school.example>',
        LESSONLOOP_SMTP_STARTTLS: 'disabled',
      },
    });

    // --- the admin invites: told where the link went, the link itself never on screen --------
    const admin = await newPerson(browser);
    await admin.page.goto(`${server.url}/signin`);
    await signInThroughForm(admin.page, bootstrapAdmin.email, bootstrapAdmin.password);
    await admin.page.getByRole('button', { name: 'Sign out' }).waitFor();
    admin.forgetProblems();
    await admin.page.goto(`${server.url}/admin`);
    const form = admin.page.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('Name').fill(teacher.displayName);
    await form.getByLabel('Email').fill(teacher.email);
    await form.getByLabel('Role').selectOption({ label: 'Teacher' });
    await form.getByText('The person gets a link by mail').waitFor();
    await form.getByRole('button', { name: 'Invite' }).click();
    await form.getByRole('status').getByText(`The link was sent to ${teacher.email}`).waitFor();
    assert.equal(await admin.page.getByLabel(`Link for ${teacher.displayName}`).count(), 0, 'no link for the admin to copy');
    assert.doesNotMatch(await admin.page.content(), /invitation#/);
    await checkScreen(admin, 'mail-admin-invited');

    // --- the teacher follows the mailed link and sets her own password -----------------------
    const mail = await smtp.waitFor(teacher.email, /invitation#/);
    const link = mail.text.match(/http:\/\/127\.0\.0\.1:\d+\/invitation#[A-Za-z0-9_-]+/)[0];
    const mia = await newPerson(browser);
    await mia.page.goto(link);
    await mia.page.getByRole('heading', { name: `Welcome, ${teacher.displayName}` }).waitFor();
    mia.forgetProblems();
    await mia.page.getByLabel('New password', { exact: true }).fill('a pot of mint tea');
    await mia.page.getByLabel('Type it again').fill('a pot of mint tea');
    await mia.page.getByRole('button', { name: 'Set my password' }).click();
    await mia.page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();

    // --- her mail choices: all on, the digest turned off by keyboard, kept after a reload -----
    const choices = mia.page.getByRole('group', { name: 'Send me' });
    const digest = choices.getByRole('checkbox', { name: /daily digest/ });
    await digest.waitFor();
    assert.equal(await digest.isChecked(), true);
    assert.equal(await choices.getByRole('checkbox', { name: /shares a lesson/ }).isChecked(), true);
    assert.equal(await choices.getByRole('checkbox', { name: /mentions me/ }).isChecked(), true);
    await digest.focus();
    await mia.page.keyboard.press('Space');
    await mia.page.getByRole('status').getByText('Saved.').waitFor();
    await checkScreen(mia, 'mail-choices');
    await mia.page.reload();
    await choices.getByRole('checkbox', { name: /daily digest/ }).waitFor();
    assert.equal(await choices.getByRole('checkbox', { name: /daily digest/ }).isChecked(), false);
    assert.equal(await choices.getByRole('checkbox', { name: /mentions me/ }).isChecked(), true);
    passed();
  });
