// A small client for the Lessonloop HTTP API (DESIGN §4b): session cookie + CSRF header.

/** fetch, with the cause of a network failure in the message ("fetch failed" alone says nothing). */
async function send(url, init) {
  try {
    return await fetch(url, init);
  } catch (err) {
    throw new Error(`${init?.method ?? 'GET'} ${url} failed: ${err.cause?.message ?? err.message}`, { cause: err });
  }
}

export class ApiError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} → ${status}: ${body}`);
    this.status = status;
    this.body = body;
  }
}

/** The person behind an invitation link (`…/invitation#token`) sets their password, as the page does. */
export async function acceptInvitation(link, password) {
  const url = new URL(link);
  const response = await send(`${url.origin}/api/invitations/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ token: decodeURIComponent(url.hash.slice(1)), password }),
  });
  if (response.status !== 200) throw new ApiError('POST', '/api/invitations/accept', response.status, await response.text());
  return response.json();
}

export class ApiSession {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookie = '';
    this.csrfToken = '';
    this.me = null;
  }

  /** POST /api/session, then GET /api/me for the CSRF token. */
  static async signIn(baseUrl, email, password) {
    const session = new ApiSession(baseUrl);
    const response = await send(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const body = await response.text();
    if (response.status !== 200) throw new ApiError('POST', '/api/session', response.status, body);
    const cookies = response.headers.getSetCookie();
    if (cookies.length === 0) throw new Error('POST /api/session → 200 but no Set-Cookie header');
    session.cookie = cookies.map((c) => c.split(';')[0]).join('; ');
    session.setCookies = cookies;
    session.me = await session.get('/api/me');
    if (!session.me.csrfToken) throw new Error(`GET /api/me has no csrfToken: ${JSON.stringify(session.me)}`);
    session.csrfToken = session.me.csrfToken;
    return session;
  }

  /** Headers a state-changing request needs (tus requests included). */
  authHeaders() {
    return { Cookie: this.cookie, 'X-CSRF-Token': this.csrfToken };
  }

  get(path) {
    return this.request('GET', path);
  }

  /**
   * An admin invites `person` ({email, displayName, role, password}) and the person accepts the
   * invitation with their own password, as a school opens accounts (the admin never sends one).
   */
  async invite(person) {
    const { email, displayName, role } = person;
    const created = await this.post('/api/users', { email, displayName, role }, 201);
    await acceptInvitation(created.invitation.url, person.password);
    return created;
  }

  post(path, json, expectedStatus) {
    return this.request('POST', path, json, expectedStatus);
  }

  async request(method, path, json, expectedStatus) {
    const headers = { Cookie: this.cookie, Accept: 'application/json' };
    if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = this.csrfToken;
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    const response = await send(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await response.text();
    const ok = expectedStatus === undefined ? response.ok : response.status === expectedStatus;
    if (!ok) throw new ApiError(method, path, response.status, text);
    return text ? JSON.parse(text) : null;
  }
}

/**
 * Admin signs in (bootstrap account), creates a teacher, the teacher signs in and creates a
 * recording. Returns the teacher's session and the recording.
 */
export async function teacherWithNewRecording(baseUrl, admin, title) {
  const adminSession = await ApiSession.signIn(baseUrl, admin.email, admin.password);
  const teacher = {
    email: `teacher-${Date.now()}@school.example`,
    displayName: 'Test Teacher',
    role: 'teacher',
    password: 'horse battery staple correct',
  };
  const created = await adminSession.invite(teacher);
  if (created.role !== 'teacher') throw new Error(`POST /api/users returned ${JSON.stringify(created)}`);
  const session = await ApiSession.signIn(baseUrl, teacher.email, teacher.password);
  const recording = await session.post('/api/recordings', {
    title,
    lessonDate: '2026-11-20',
    subject: 'Mathematics',
    grade: '7',
  }, 201);
  if (recording.status !== 'awaiting_upload') {
    throw new Error(`new recording should be awaiting_upload: ${JSON.stringify(recording)}`);
  }
  return { session, recording, teacher };
}

export const bootstrapAdmin = {
  email: 'admin@school.example',
  password: 'admin password for tests',
};

export function bootstrapEnv(admin = bootstrapAdmin) {
  return {
    LESSONLOOP_BOOTSTRAP_ADMIN_EMAIL: admin.email,
    LESSONLOOP_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
  };
}

// A verified upload is `uploaded`, then processing starts at once (DESIGN §4.1) and ends `ready`,
// or `failed` for bytes that are no video (what the upload tests send).
const FINISHED_STATUSES = new Set(['uploaded', 'processing', 'ready', 'failed']);

/** The recording once its status says the upload finished (the final PATCH may answer first). */
export async function finishedRecording(session, id, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const recording = await session.get(`/api/recordings/${id}`);
    if (FINISHED_STATUSES.has(recording.status)) return recording;
    if (Date.now() > deadline) {
      throw new Error(`recording ${id} did not become uploaded within ${timeoutMs / 1000}s: ${JSON.stringify(recording)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
