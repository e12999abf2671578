/** Where an instructor follows a student's lab session from the class pages. */
const sessionPath = (classId: string, page: 'direct' | 'enregistrement', sessionId: string) =>
  `/classes/${encodeURIComponent(classId)}/${page}/${encodeURIComponent(sessionId)}`;

/** The student's terminal, live and read-only (a running session only). */
export const liveViewHref = (classId: string, sessionId: string) => sessionPath(classId, 'direct', sessionId);

/** The replay of the session's terminals. */
export const recordingHref = (classId: string, sessionId: string) => sessionPath(classId, 'enregistrement', sessionId);
