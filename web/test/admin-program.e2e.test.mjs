// Program numbers on the admin screen (issue 12, item 8): a school of five teachers shows its
// figures; a coach with one teacher shows "fewer than 5 teachers" instead. The table is read by
// its caption and headers (nothing in it is interactive), checked with axe, and screenshotted.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ApiSession, bootstrapAdmin } from './support/api.mjs';
import { browserSkipReason, startApp } from './support/app.mjs';
import { checkScreen, newPerson, signInThroughForm } from './support/browser.mjs';

test('an admin reads the program numbers, with small groups suppressed', { skip: browserSkipReason(), timeout: 5 * 60 * 1000 }, async (t) => {
  const { server, browser, passed } = await startApp(t);
  const admin = await ApiSession.signIn(server.url, bootstrapAdmin.email, bootstrapAdmin.password);
  const coach = await admin.invite({ email: 'pia@school.example', displayName: 'Pia Coach', role: 'coach', password: 'coach password at noon' });
  for (let i = 1; i <= 5; i++) {
    const password = `teacher ${i} password here`;
    const teacher = await admin.invite({ email: `t${i}@school.example`, displayName: `Teacher ${i}`, role: 'teacher', password });
    if (i === 1) {
      await admin.post('/api/pairs', { coachId: coach.id, teacherId: teacher.id }, 201);
      const session = await ApiSession.signIn(server.url, `t${i}@school.example`, password);
      const goal = await session.post('/api/goals', { statement: 'Students explain their reasoning' }, 201);
      await session.request('PATCH', `/api/goals/${goal.id}`, { status: 'met' });
    }
  }

  const person = await newPerson(browser);
  await person.page.goto(`${server.url}/signin`);
  await signInThroughForm(person.page, bootstrapAdmin.email, bootstrapAdmin.password);
  await person.page.getByRole('heading', { name: 'Administration' }).waitFor();
  person.forgetProblems(); // the 401 of GET /api/me before signing in
  const table = person.page.getByRole('table', { name: /Uploads, hours of video, coaching cycles/ });
  const school = table.getByRole('row', { name: /Whole school/ });
  await school.waitFor();
  assert.deepEqual(await school.getByRole('cell').allInnerTexts(), ['5', '0', '0', '1', '1', '0']);
  await table.getByRole('row', { name: /Pia Coach/ }).getByRole('cell', { name: /fewer than 5 teachers/ }).waitFor();
  assert.equal(await table.getByRole('columnheader', { name: 'Goals met' }).count(), 1);
  assert.equal(await person.page.getByText('Students explain their reasoning').count(), 0, 'no goal text on the admin screen');
  await table.scrollIntoViewIfNeeded();
  await checkScreen(person, 'admin-program-numbers');
  passed();
});
