// Sign-in with the school's OpenID provider (issue 12, item 3), as people use it: a real test
// provider (mock-oauth2-server, run from the server's test classpath) with its own sign-in form.
// An invited teacher opens her link, chooses her school account instead of a password, signs in at
// the provider and lands in the app; her security page shows the activation. Someone the school
// never invited signs in at the provider and is sent back with the reason. axe and a screenshot on
// every screen, the provider's button reached by keyboard.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { ApiSession, bootstrapAdmin } from './support/api.mjs';
import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson } from './support/browser.mjs';
import { freePort, javaBinary, repoRoot } from './support/server.mjs';

const CLASSPATH_FILE = join(repoRoot, 'server', 'target', 'test-classpath.txt');
const teacher = { displayName: 'Olga Oidc', email: 'olga@school.example' };

function skipReason() {
  if (!existsSync(CLASSPATH_FILE)) return `no ${CLASSPATH_FILE}: build the server with mvn package first`;
  return browserSkipReason();
}

/** The test provider as a process of its own on a free loopback port; stopped after the test. */
async function startProvider(t) {
  const port = await freePort();
  const child = spawn(javaBinary(), ['-cp', readFileSync(CLASSPATH_FILE, 'utf8').trim(), 'no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt'], {
    env: { ...process.env, SERVER_HOSTNAME: '127.0.0.1', SERVER_PORT: String(port) },
    stdio: 'ignore',
  });
  t.after(() => child.kill());
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/isalive`)).ok) return `${base}/school`;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the test OpenID provider did not start');
}

/** The provider's own sign-in form: who you are there, and what it vouches for. */
async function signInAtProvider(page, subject, claims) {
  await page.locator('input[name=username]').fill(subject);
  await page.locator('textarea[name=claims]').fill(JSON.stringify(claims));
  await page.locator('input[type=submit]').click();
}

test('an invited teacher accepts her invitation with her school account, and a stranger is told why not',
  { skip: skipReason(), timeout: 5 * 60 * 1000 }, async (t) => {
    const issuer = await startProvider(t);
    const { server, browser, passed } = await startApp(t, {
      env: { LESSONLOOP_OIDC_ISSUER: issuer, LESSONLOOP_OIDC_CLIENT_ID: 'lessonloop-e2e', LESSONLOOP_OIDC_LABEL: 'Test School' },
    });
    const admin = await ApiSession.signIn(server.url, bootstrapAdmin.email, bootstrapAdmin.password);
    const invited = await admin.post('/api/users', { email: teacher.email, displayName: teacher.displayName, role: 'teacher' }, 201);

    // --- the invitation offers the school account instead of a password -----------------------
    const olga = await newPerson(browser);
    await olga.page.goto(invited.invitation.url);
    await olga.page.getByRole('heading', { name: `Welcome, ${teacher.displayName}` }).waitFor();
    olga.forgetProblems(); // the 401 of GET /api/me: nobody is signed in yet
    const continueWith = olga.page.getByRole('button', { name: 'Continue with Test School' });
    await continueWith.waitFor();
    await checkScreen(olga, 'oidc-invitation');
    await continueWith.focus();
    await olga.page.keyboard.press('Enter');

    // --- at the provider, then back in the app, signed in ----------------------------------------
    await signInAtProvider(olga.page, 'olga-subject', { email: teacher.email, email_verified: true });
    await olga.page.getByRole('button', { name: 'Sign out' }).waitFor();
    olga.forgetProblems(); // the test provider's own page asks a CDN for its stylesheet, unreachable here
    await olga.page.goto(`${server.url}/security`);
    const history = olga.page.getByRole('table', { name: /What happened to your account/ });
    await history.getByRole('cell', { name: 'Activated with school sign-in' }).waitFor();
    assert.ok(await history.getByRole('cell', { name: /via Test School/ }).count() >= 1);
    await checkScreen(olga, 'oidc-security-page');

    // --- someone the school never invited ----------------------------------------------------------
    const stranger = await newPerson(browser);
    await stranger.page.goto(`${server.url}/signin`);
    const signInWith = stranger.page.getByRole('button', { name: 'Sign in with Test School' });
    await signInWith.waitFor();
    stranger.forgetProblems();
    await checkScreen(stranger, 'oidc-signin');
    await signInWith.click();
    await signInAtProvider(stranger.page, 'stranger-subject', { email: 'stranger@school.example', email_verified: true });
    await stranger.page.getByRole('alert').getByText(/There is no Lessonloop account for the email of that school account/).waitFor();
    assert.match(stranger.page.url(), /\/signin\?oidc=unknown$/);
    stranger.forgetProblems();
    await checkScreen(stranger, 'oidc-signin-refused');
    passed();
  });
