/**
 * What a coach had seen on coach home before this visit, per person on this device
 * (localStorage). A recording is new when it was not on the page at an earlier visit, which also
 * covers an old lesson shared only yesterday. A visit ends after 30 minutes away, so reloading or
 * coming back from a recording keeps this visit's "new" marks.
 */
const KEY = 'lessonloop.coach.visits.';
const VISIT_GAP_MS = 30 * 60 * 1000;
const MAX_IDS = 5000;

type Stored = { seenBefore: string[]; seenThisVisit: string[]; lastSeenAt: number; previousVisitAt?: number };

export type Visit = { isNew(recordingId: string): boolean; previousVisitAt?: number };

/** Records that the coach sees these recordings now, and says which are new to them. */
export function visitOf(userId: string, recordingIds: string[], now = Date.now()): Visit {
  let stored = read(userId);
  if (stored && now - stored.lastSeenAt > VISIT_GAP_MS) {
    stored = {
      seenBefore: [...new Set([...stored.seenBefore, ...stored.seenThisVisit])].slice(-MAX_IDS),
      seenThisVisit: [],
      lastSeenAt: stored.lastSeenAt,
      previousVisitAt: stored.lastSeenAt,
    };
  }
  const before = new Set(stored?.seenBefore ?? []);
  const next: Stored = {
    seenBefore: stored?.seenBefore ?? [],
    seenThisVisit: [...new Set([...(stored?.seenThisVisit ?? []), ...recordingIds])].slice(-MAX_IDS),
    lastSeenAt: now,
    previousVisitAt: stored?.previousVisitAt,
  };
  write(userId, next);
  return { isNew: (id) => !before.has(id), previousVisitAt: next.previousVisitAt };
}

function read(userId: string): Stored | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(KEY + userId) ?? 'null') as Stored | null;
    return value && Array.isArray(value.seenBefore) && Array.isArray(value.seenThisVisit) ? value : undefined;
  } catch {
    return undefined;
  }
}

function write(userId: string, value: Stored) {
  try {
    localStorage.setItem(KEY + userId, JSON.stringify(value));
  } catch {
    // Not kept: every recording shows as new next time, which is the safe mistake.
  }
}
