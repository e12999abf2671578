'use client';

/**
 * The signed-in student's scores on the course outline: the home page renders the same for
 * everyone, so the badges load in the browser, once, for the whole outline. Visitors see none.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ChapterProgressView } from '@/server/progress/progress-views';
import { useDictionary } from '../_i18n/locale-provider';
import { requestJson } from '../_lib/request-json';
import styles from './course-outline.module.css';

const ProgressContext = createContext<Map<string, ChapterProgressView>>(new Map());

export function CourseProgressProvider({ children }: { children: ReactNode }) {
  const [byChapter, setByChapter] = useState<Map<string, ChapterProgressView>>(new Map());
  useEffect(() => {
    let current = true;
    requestJson<{ chapters: ChapterProgressView[] }>('/api/me/progress')
      .then(({ chapters }) => current && setByChapter(new Map(chapters.map((chapter) => [chapter.chapter, chapter]))))
      // The badges are a bonus: without them the outline still works.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return <ProgressContext.Provider value={byChapter}>{children}</ProgressContext.Provider>;
}

export function ChapterProgressBadges({ chapter }: { chapter: string }) {
  const progress = useContext(ProgressContext).get(chapter);
  const { outline } = useDictionary();
  if (!progress) return null;
  const { lab, quiz } = progress;
  const labStarted = lab && lab.status !== 'not-started';
  if (!labStarted && !quiz) return null;
  return (
    <p className={styles.progress}>
      {lab && labStarted && (
        <span className={lab.status === 'done' ? 'badge badge--success' : 'badge'}>
          {outline.labScore(lab.score, lab.maxScore)}
          {lab.resumeStep !== null && outline.resumeAt(lab.resumeStep + 1)}
        </span>
      )}
      {quiz && (
        <span className="badge">
          {outline.quizScore(quiz.score, quiz.maxScore)}
        </span>
      )}
    </p>
  );
}
