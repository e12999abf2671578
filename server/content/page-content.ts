/**
 * What pages (React server components) import to read the course. `server-only` makes the
 * build fail if a client component ever imports this; the loaders themselves stay free of
 * it because the custom Node server and vitest run them outside the react-server condition.
 */
import 'server-only';

export { loadCourse } from './course';
export { courseHref, loadCatalog, loadCourseOf } from './packs/catalog';
export { loadLab } from './lab';
export { tryLoadLab } from './lab-availability';
export { loadLesson } from './lesson';
export { loadQuiz } from './quiz';
export { ContentNotFoundError } from './content-errors';
export { BUILTIN_PACK } from './packs/pack-registry';
