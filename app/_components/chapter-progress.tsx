'use client';

/**
 * The signed-in student's scores on the course outline, and their paused labs: the home page
 * renders the same for everyone, so these load in the browser, once, for the whole outline.
 * Visitors see none.
 */
import Link from 'next/link';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ChapterProgressView } from '@/server/progress/progress-views';
import type { PausedStorage } from '@/server/sessions/session-pauses';
import { useDictionary } from '../_i18n/locale-provider';
import { requestJson } from '../_lib/request-json';
import { useMomentWords } from '../_lib/use-moment-words';
import styles from './course-outline.module.css';

type PausedLab = PausedStorage['labs'][number];

interface CourseProgress {
  byChapter: Map<string, ChapterProgressView>;
  pausedByLab: Map<string, PausedLab>;
}

const NOTHING_YET: CourseProgress = { byChapter: new Map(), pausedByLab: new Map() };
const ProgressContext = createContext<CourseProgress>(NOTHING_YET);

export function CourseProgressProvider({ children }: { children: ReactNode }) {
  const [progress, setProgress] = useState<CourseProgress>(NOTHING_YET);
  useEffect(() => {
    let current = true;
    requestJson<{ chapters: ChapterProgressView[]; paused: PausedLab[] }>('/api/me/progress')
      .then(({ chapters, paused }) => {
        if (!current) return;
        setProgress({
          byChapter: new Map(chapters.map((chapter) => [chapter.chapter, chapter])),
          pausedByLab: new Map(paused.map((lab) => [lab.lab, lab])),
        });
      })
      // The badges are a bonus: without them the outline still works.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return <ProgressContext.Provider value={progress}>{children}</ProgressContext.Provider>;
}

interface ChapterProgressBadgesProps {
  chapter: string;
  /** The chapter's lab and title, for « En pause depuis … — Reprendre ». */
  lab: string | null;
  title: string;
}

export function ChapterProgressBadges({ chapter, lab: labSlug, title }: ChapterProgressBadgesProps) {
  const { byChapter, pausedByLab } = useContext(ProgressContext);
  const { outline } = useDictionary();
  const when = useMomentWords();
  const progress = byChapter.get(chapter);
  const paused = labSlug ? pausedByLab.get(labSlug) : undefined;
  const lab = progress?.lab?.status !== 'not-started' ? progress?.lab : null;
  const quiz = progress?.quiz;
  if (!lab && !quiz && !paused) return null;
  return (
    <p className={styles.progress}>
      {lab && (
        <span className={lab.status === 'done' ? 'badge badge--success' : 'badge'}>
          {outline.labScore(lab.score, lab.maxScore)}
          {lab.resumeStep !== null && outline.resumeAt(lab.resumeStep + 1)}
        </span>
      )}
      {quiz && <span className="badge">{outline.quizScore(quiz.score, quiz.maxScore)}</span>}
      {paused && labSlug && (
        <span className="badge badge--warning" data-testid="paused-lab-badge">
          {outline.pausedSince(when.moment(paused.pausedAt))}
          <span aria-hidden="true"> — </span>
          <Link href={`/labs/${labSlug}`} className={styles.resumeLink}>
            {outline.resumeLab}
            <span className="visually-hidden">{outline.titleSuffix(title)}</span>
          </Link>
        </span>
      )}
    </p>
  );
}
