// A coaching pair around one processed lesson, set up through the API: what the review page's
// browser test and the web benchmark start from.
import { join } from 'node:path';

import { ApiSession, bootstrapAdmin } from './api.mjs';
import { bundledFfmpeg, makeLessonVideo, readyRecording, uploadSource } from './media.mjs';

const PASSWORD = 'a long enough password';

export const FRAMEWORK = {
  name: 'Teaching framework',
  tags: [
    { name: 'Questioning', color: '#1e7a3c' },
    { name: 'Student engagement', color: '#b3261e' },
    { name: 'Classroom routines', color: '#6a3fb5' },
  ],
};

/**
 * The admin makes a teacher, a coach and a framework tag set; the teacher uploads a generated
 * lesson of `seconds` and, once it is ready, shares it with the coach (`permission`).
 * `server` is startServer's result, `work` a temp dir for the video, `logFile` the server's log.
 */
export async function sharedLesson({ server, work, logFile, seconds = 20, size = '1280x720', permission = 'comment' }) {
  const admin = await ApiSession.signIn(server.url, bootstrapAdmin.email, bootstrapAdmin.password);
  const stamp = Date.now();
  const teacher = { email: `ada.${stamp}@school.example`, displayName: 'Ada Teacher', role: 'teacher', password: PASSWORD };
  const coach = { email: `cory.${stamp}@school.example`, displayName: 'Cory Coach', role: 'coach', password: PASSWORD };
  teacher.id = (await admin.invite(teacher)).id;
  coach.id = (await admin.invite(coach)).id;
  let set = await admin.post('/api/tag-sets', { name: FRAMEWORK.name }, 201);
  for (const tag of FRAMEWORK.tags) set = await admin.post(`/api/tag-sets/${set.id}/tags`, tag, 201);

  const teacherSession = await ApiSession.signIn(server.url, teacher.email, PASSWORD);
  const coachSession = await ApiSession.signIn(server.url, coach.email, PASSWORD);
  const created = await teacherSession.post('/api/recordings', {
    title: 'Fractions, period 3', lessonDate: '2026-11-20', subject: 'Mathematics', grade: '7',
  }, 201);
  const video = join(work, 'lesson.mp4');
  await makeLessonVideo(bundledFfmpeg(logFile), video, { seconds, size });
  await uploadSource(teacherSession, created.id, video, 'phone.mp4');
  const recording = await readyRecording(teacherSession, created.id);
  await teacherSession.post(`/api/recordings/${recording.id}/shares`, { userId: coach.id, permission }, 201);
  return { admin, teacher, coach, teacherSession, coachSession, recording, tags: set.tags };
}
