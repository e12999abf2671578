import Link from 'next/link';
import { loadCourse } from '@/server/content/page-content';
import { CourseOutline } from './_components/course-outline';
import { HeroTerminal } from './_components/hero-terminal';
import styles from './home.module.css';

const FEATURES = [
  {
    title: 'Lire',
    text: 'Des leçons courtes, en français, illustrées de schémas : du cloud aux conteneurs, puis à l’orchestration.',
  },
  {
    title: 'Pratiquer',
    text: 'Un vrai terminal dans le navigateur, relié à une machine avec Docker rien que pour vous.',
  },
  {
    title: 'Vérifier',
    text: 'Chaque étape d’un lab se vérifie sur votre machine : vous savez tout de suite si c’est réussi.',
  },
];

export default async function HomePage() {
  const course = await loadCourse();
  const firstLesson = course.chapters.find((chapter) => chapter.lesson);

  return (
    <>
      <section className={styles.hero}>
        <div className={`container ${styles.heroInner}`}>
          <div>
            <p className={styles.eyebrow}>Cours libre · labs en direct</p>
            <h1 className={styles.title}>
              Dockyard
              <span className={styles.tagline}>Apprendre les conteneurs en pratique</span>
            </h1>
            <p className={styles.lead}>{course.description}</p>
            <div className={styles.actions}>
              {firstLesson?.lesson && (
                <Link className="button button--primary" href={`/lecons/${firstLesson.lesson}`}>
                  Commencer le cours
                </Link>
              )}
              <Link className="button button--secondary" href="#programme">
                Voir le programme
              </Link>
            </div>
          </div>
          <HeroTerminal />
        </div>
      </section>

      <section className="container" aria-label="Comment ça marche">
        <ul className={styles.features}>
          {FEATURES.map((feature, index) => (
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
          <h2 id="programme-titre">Le programme</h2>
          <p>{course.title} — {course.chapters.length} chapitres, publiés au fil de l’eau.</p>
        </div>
        <CourseOutline chapters={course.chapters} />
      </section>
    </>
  );
}
