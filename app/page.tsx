import Link from 'next/link';
import { loadCatalog } from '@/server/content/page-content';
import { CourseOutline } from './_components/course-outline';
import { HeroTerminal } from './_components/hero-terminal';
import { serverDictionary } from './_i18n/server-locale';
import styles from './home.module.css';

export default async function HomePage() {
  const [[course, ...packs], { home }] = await Promise.all([loadCatalog(), serverDictionary()]);
  if (!course) throw new Error('le cours intégré n’est pas servi');
  const firstLesson = course.chapters.find((chapter) => chapter.lesson);

  return (
    <>
      <section className={styles.hero}>
        <div className={`container ${styles.heroInner}`}>
          <div>
            <p className={styles.eyebrow}>{home.eyebrow}</p>
            <h1 className={styles.title}>
              Dockyard
              <span className={styles.tagline}>{home.tagline}</span>
            </h1>
            <p className={styles.lead}>{course.description}</p>
            <div className={styles.actions}>
              {firstLesson?.lesson && (
                <Link className="button button--primary" href={`/lecons/${firstLesson.lesson}`}>
                  {home.startCourse}
                </Link>
              )}
              <Link className="button button--secondary" href="#programme">
                {home.seeProgramme}
              </Link>
            </div>
          </div>
          <HeroTerminal greeting={home.heroGreeting} />
        </div>
      </section>

      <section className="container" aria-label={home.howItWorks}>
        <ul className={styles.features}>
          {home.features.map((feature, index) => (
            <li key={feature.title} className={styles.feature}>
              <span className={styles.featureNumber}>{index + 1}</span>
              <h2>{feature.title}</h2>
              <p>{feature.text}</p>
            </li>
          ))}
        </ul>
      </section>

      <section id="programme" className={`container ${styles.programme}`} aria-labelledby="programme-titre">
        <div className={styles.programmeHeader}>
          <h2 id="programme-titre">{home.programme}</h2>
          <p>{home.programmeSummary(course.title, course.chapters.length)}</p>
        </div>
        <CourseOutline chapters={course.chapters} />
      </section>

      {packs.map((pack) => (
        <section key={pack.pack} id={`paquet-${pack.pack}`} className={`container ${styles.programme}`} aria-labelledby={`paquet-${pack.pack}-titre`}>
          <div className={styles.programmeHeader}>
            <h2 id={`paquet-${pack.pack}-titre`}>{pack.title}</h2>
            <p>{pack.description}</p>
          </div>
          <CourseOutline chapters={pack.chapters} anchor={`${pack.pack}-chapitre`} />
        </section>
      ))}
    </>
  );
}
