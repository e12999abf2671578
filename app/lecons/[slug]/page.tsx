import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { BUILTIN_PACK, courseHref, loadCourse, loadCourseOf, loadLesson, loadQuiz } from '@/server/content/page-content';
import { toQuizView } from '@/server/quizzes/quiz-view';
import { CodeActions } from '../../_components/code-actions';
import { MarkdownHtml } from '../../_components/markdown-html';
import { serverDictionary } from '../../_i18n/server-locale';
import { orNotFound } from '../../_lib/or-not-found';
import { QuizSection } from './_components/quiz-section';
import { QUIZ_ANCHOR } from './_lib/quiz-anchor';
import styles from './lesson.module.css';

interface LessonPageProps {
  params: Promise<{ slug: string }>;
}

// Metadata and page both need the lesson: read and render it once per request.
const getLesson = cache((slug: string) => orNotFound(loadLesson(slug)));

export async function generateStaticParams() {
  const course = await loadCourse();
  return course.chapters.flatMap((chapter) => (chapter.lesson ? [{ slug: chapter.lesson }] : []));
}

export async function generateMetadata({ params }: LessonPageProps): Promise<Metadata> {
  const lesson = await getLesson((await params).slug);
  return { title: lesson.title, description: lesson.summary };
}

export default async function LessonPage({ params }: LessonPageProps) {
  const { slug } = await params;
  const [lesson, course, quiz, words] = await Promise.all([getLesson(slug), loadCourseOf(slug), loadQuiz(slug), serverDictionary()]);
  const chapter = course.chapters.find((candidate) => candidate.lesson === slug);
  const tableOfContents = lesson.headings.filter((heading) => heading.depth === 2);

  return (
    <div className={`container ${styles.page}`}>
      <nav aria-label={words.lesson.breadcrumb} className={styles.breadcrumb}>
        <Link href={courseHref(course)}>{course.pack === BUILTIN_PACK ? words.site.course : course.title}</Link>
        {chapter && (
          <>
            <span aria-hidden="true">›</span>
            <Link href={courseHref(course, chapter.number)}>{words.outline.chapter(chapter.number)}</Link>
          </>
        )}
      </nav>

      <header className={styles.header}>
        <h1>{lesson.title}</h1>
        <p className={styles.summary}>{lesson.summary}</p>
        <p className={styles.meta}>
          {chapter && <span className="badge">{words.outline.chapter(chapter.number)}</span>}
          <span className="badge">{words.lesson.readingTime(lesson.readingMinutes)}</span>
          {quiz && <span className="badge">{words.lesson.quizBadge(quiz.questions.length)}</span>}
          {lesson.lab && <span className="badge">{words.lesson.labIncluded}</span>}
        </p>
      </header>

      <div className={styles.layout}>
        <article className={styles.article}>
          <CodeActions>
            <MarkdownHtml html={lesson.html} />
          </CodeActions>

          {lesson.lab && (
            <aside className={styles.practice} aria-labelledby="pratique-titre">
              <div>
                <h2 id="pratique-titre">{words.lesson.practiceTitle}</h2>
                <p>{words.lesson.practiceText}</p>
              </div>
              <Link className="button button--primary" href={`/labs/${lesson.lab}`}>
                {words.outline.openLab}
              </Link>
            </aside>
          )}

          {/* Questions and choices only: the answers stay on the server until the student submits. */}
          {quiz && <QuizSection quiz={toQuizView(quiz)} />}
        </article>

        {(tableOfContents.length > 0 || quiz) && (
          <nav className={styles.toc} aria-labelledby="sommaire-titre">
            <h2 id="sommaire-titre">{words.lesson.tableOfContents}</h2>
            <ol>
              {tableOfContents.map((heading) => (
                <li key={heading.id}>
                  <a href={`#${heading.id}`}>{heading.text}</a>
                </li>
              ))}
              {quiz && (
                <li>
                  <a href={`#${QUIZ_ANCHOR}`}>Quiz</a>
                </li>
              )}
            </ol>
          </nav>
        )}
      </div>
    </div>
  );
}
