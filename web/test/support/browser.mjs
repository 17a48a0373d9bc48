// Headless Debian Chromium for the end-to-end tests (a browser download fails here), with what every
// screen is checked for: no console errors or CSP violations, no serious axe-core finding, and a
// screenshot kept as a test artifact.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.LESSONLOOP_CHROMIUM ?? '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = process.env.LESSONLOOP_E2E_ARTIFACTS ?? join(here, '..', '..', 'test-artifacts');
const AXE_SOURCE = readFileSync(join(here, '..', '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Why browser tests cannot run here, or null. */
export function missingChromiumReason() {
  return existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set LESSONLOOP_CHROMIUM)`;
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium's calls home are refused here in bursts.
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
  });
}

/**
 * A fresh browser profile (cookies, storage) with the app's own CSP in force, and a record of
 * everything that went wrong on its pages: `problems()` lists console errors, uncaught exceptions
 * and CSP violations.
 */
export async function newPerson(browser, { viewport = { width: 1280, height: 800 }, hasTouch = false, isMobile = false } = {}) {
  const context = await browser.newContext({ viewport, hasTouch, isMobile });
  const page = await context.newPage();
  const seen = [];
  page.on('console', (message) => {
    if (message.type() === 'error') seen.push(`[console] ${message.text()}`);
  });
  page.on('pageerror', (err) => seen.push(`[pageerror] ${err.message}`));
  return {
    context,
    page,
    problems: () => seen.slice(),
    /** Forget what went wrong so far (an expected 401/403 the test just caused). */
    forgetProblems: () => seen.splice(0),
    close: () => context.close(),
  };
}

/**
 * axe-core on the page as it is now: no serious or critical violation. Runs through the debugger
 * protocol (page.evaluate), which the page's CSP does not apply to.
 */
export async function assertAccessible(page, screen) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious, [], `${screen}: axe-core found serious or critical violations`);
}

/** Saves web/test-artifacts/<name>.png (full page). */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** One screen's checks together: accessible, nothing logged wrong, a screenshot kept. */
export async function checkScreen(person, name) {
  await assertAccessible(person.page, name);
  assert.deepEqual(person.problems(), [], `${name}: the page logged errors`);
  return screenshot(person.page, name);
}

/** Signs in through the sign-in form, as a person does. */
export async function signInThroughForm(page, email, password) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
