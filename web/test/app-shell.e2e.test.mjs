// The app as the server serves it: deep links, caching, the Content-Security-Policy, and signing
// in and out through the UI, coming back to the page a person was on.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ApiSession, bootstrapAdmin } from './support/api.mjs';
import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';

test('the app shell: deep links, caching, CSP, sign-in that returns where the person was, sign-out',
  { skip: browserSkipReason(), timeout: 5 * 60 * 1000 }, async (t) => {
    const { server, browser, passed } = await startApp(t);

    // Deep links are the app's; index.html is never cached, hashed assets always are.
    const deepLink = await fetch(`${server.url}/recordings/5b1f8a9e-0000-4000-8000-000000000000`);
    assert.equal(deepLink.status, 200);
    assert.equal(deepLink.headers.get('cache-control'), 'no-cache');
    const csp = deepLink.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self'(;|$)/, csp);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await deepLink.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset, `index.html names its script: ${html}`);
    const assetResponse = await fetch(`${server.url}${asset}`);
    assert.equal(assetResponse.status, 200);
    assert.match(assetResponse.headers.get('cache-control'), /immutable/);
    assert.equal((await fetch(`${server.url}/assets/missing-0000.js`)).status, 404);
    assert.equal((await fetch(`${server.url}/api/no-such-route`)).headers.get('content-type'), 'application/problem+json',
      'unknown API paths stay problems, not the app');

    const teacher = { email: 'shell.teacher@school.example', displayName: 'Ada <b>Lovelace</b>', role: 'teacher', password: 'a long enough password' };
    const admin = await ApiSession.signIn(server.url, bootstrapAdmin.email, bootstrapAdmin.password);
    await admin.invite(teacher);

    // A person following a link while signed out signs in and lands on that link.
    const person = await newPerson(browser);
    const { page } = person;
    await page.goto(`${server.url}/goals`);
    await page.waitForURL(/\/signin\?next=%2Fgoals/);
    await page.getByRole('heading', { name: 'Sign in to Lessonloop' }).waitFor();
    await checkScreen(person, 'sign-in');

    await signInThroughForm(page, teacher.email, 'wrong password entirely');
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').textContent(), /\S/, 'a refused sign-in says why');
    person.forgetProblems(); // the 401 it answered
    await signInThroughForm(page, teacher.email, teacher.password);
    await page.waitForURL(`${server.url}/goals`);
    const banner = page.getByRole('banner');
    await banner.getByText('Teacher', { exact: true }).waitFor();
    assert.equal(await banner.getByText('Ada <b>Lovelace</b>').count(), 1, 'a name with markup shows as text');
    await checkScreen(person, 'teacher-goals-shell');

    // A session that ends on the server sends the person to sign in, then back to the same page.
    const [cookie] = await person.context.cookies();
    const browserSession = new ApiSession(server.url);
    browserSession.cookie = `${cookie.name}=${cookie.value}`;
    browserSession.csrfToken = (await browserSession.get('/api/me')).csrfToken;
    await browserSession.request('DELETE', '/api/session', undefined, 204);
    await page.getByRole('link', { name: 'My lessons' }).click();
    await page.waitForURL(/\/signin\?next=%2Frecordings/);
    person.forgetProblems();
    assert.match(await page.getByRole('status').first().textContent(), /session ended/i);
    await signInThroughForm(page, teacher.email, teacher.password);
    await page.waitForURL(`${server.url}/recordings`);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    person.forgetProblems();
    assert.deepEqual(person.problems(), []);
    passed();
  });
