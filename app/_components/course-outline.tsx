import Link from 'next/link';
import type { Chapter } from '@/server/content/course';
import { ChapterProgressBadges, CourseProgressProvider } from './chapter-progress';
import styles from './course-outline.module.css';

export function CourseOutline({ chapters }: { chapters: Chapter[] }) {
  return (
    <CourseProgressProvider>
      <ol className={styles.outline}>
        {chapters.map((chapter) => {
          const available = Boolean(chapter.lesson || chapter.lab);
          return (
            <li
              key={chapter.slug}
              id={`chapitre-${chapter.number}`}
              className={available ? `${styles.chapter} ${styles.available}` : styles.chapter}
            >
              <span className={styles.number} aria-hidden="true">
                {String(chapter.number).padStart(2, '0')}
              </span>
              <div className={styles.body}>
                <h3 className={styles.title}>
                  <span className="visually-hidden">Chapitre {chapter.number} : </span>
                  {chapter.lesson ? <Link href={`/lecons/${chapter.lesson}`}>{chapter.title}</Link> : chapter.title}
                </h3>
                <p className={styles.summary}>{chapter.summary}</p>
                <ChapterProgressBadges chapter={chapter.slug} />
              </div>
              <div className={styles.links}>
                {chapter.lesson && (
                  <Link className="button button--primary button--small" href={`/lecons/${chapter.lesson}`}>
                    Lire la leçon<span className="visually-hidden"> : {chapter.title}</span>
                  </Link>
                )}
                {chapter.lab && (
                  <Link className="button button--secondary button--small" href={`/labs/${chapter.lab}`}>
                    Ouvrir le lab<span className="visually-hidden"> : {chapter.title}</span>
                  </Link>
                )}
                {!available && <span className="badge">Bientôt disponible</span>}
              </div>
            </li>
          );
        })}
      </ol>
    </CourseProgressProvider>
  );
}
