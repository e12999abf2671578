import Link from 'next/link';
import type { Chapter } from '@/server/content/course';
import { serverDictionary } from '../_i18n/server-locale';
import { ChapterProgressBadges, CourseProgressProvider } from './chapter-progress';
import styles from './course-outline.module.css';

/** `anchor` names the chapters' anchors (`chapitre-3`; a pack's: `reseaux-chapitre-3`). */
export async function CourseOutline({ chapters, anchor = 'chapitre' }: { chapters: Chapter[]; anchor?: string }) {
  const { outline } = await serverDictionary();
  return (
    <CourseProgressProvider>
      <ol className={styles.outline}>
        {chapters.map((chapter) => {
          const available = Boolean(chapter.lesson || chapter.lab);
          return (
            <li
              key={chapter.slug}
              id={`${anchor}-${chapter.number}`}
              className={available ? `${styles.chapter} ${styles.available}` : styles.chapter}
            >
              <span className={styles.number} aria-hidden="true">
                {String(chapter.number).padStart(2, '0')}
              </span>
              <div className={styles.body}>
                <h3 className={styles.title}>
                  <span className="visually-hidden">{outline.chapterPrefix(chapter.number)}</span>
                  {chapter.lesson ? <Link href={`/lecons/${chapter.lesson}`}>{chapter.title}</Link> : chapter.title}
                </h3>
                <p className={styles.summary}>{chapter.summary}</p>
                <ChapterProgressBadges chapter={chapter.slug} lab={chapter.lab ?? null} title={chapter.title} />
              </div>
              <div className={styles.links}>
                {chapter.lesson && (
                  <Link className="button button--primary button--small" href={`/lecons/${chapter.lesson}`}>
                    {outline.readLesson}<span className="visually-hidden">{outline.titleSuffix(chapter.title)}</span>
                  </Link>
                )}
                {chapter.lab && (
                  <Link className="button button--secondary button--small" href={`/labs/${chapter.lab}`}>
                    {outline.openLab}<span className="visually-hidden">{outline.titleSuffix(chapter.title)}</span>
                  </Link>
                )}
                {!available && <span className="badge">{outline.comingSoon}</span>}
              </div>
            </li>
          );
        })}
      </ol>
    </CourseProgressProvider>
  );
}
