import { useEffect, useRef } from 'react';
import { labApi } from './lab-api';

/**
 * Tells the server which page of the lab the student opened (a step, or the conclusion) while
 * a session runs: Killercoda's scripts for that page start then, once per session (the server
 * remembers; the page only avoids asking twice). The introduction starts with the session.
 */
export function usePageVisits(sessionId: string | null, page: number, stepCount: number, onError: (error: unknown) => void) {
  const told = useRef<{ sessionId: string | null; pages: Set<string> }>({ sessionId: null, pages: new Set() });

  useEffect(() => {
    if (!sessionId || page === 0) return;
    if (told.current.sessionId !== sessionId) told.current = { sessionId, pages: new Set() };
    const visited: number | 'finish' = page > stepCount ? 'finish' : page - 1;
    const key = String(visited);
    if (told.current.pages.has(key)) return;
    told.current.pages.add(key);
    labApi.visitPage(sessionId, visited).catch((error: unknown) => {
      told.current.pages.delete(key);
      onError(error);
    });
  }, [sessionId, page, stepCount, onError]);
}
