/**
 * `npm run lab:new -- <slug> [dossier]` (or `./dockyard lab new <slug> [dossier]`): writes a
 * minimal lab under <dossier>/labs/<slug> (content/ by default; see
 * server/content/scaffold/new-lab.ts) and says what to do next. course.json is left alone:
 * where the lab goes in the outline, and the chapter's title and summary, are the author's to
 * write, and rewriting the file would also rewrite its layout. The chapter to add is printed.
 * Exit code 1, with the reason in French, when nothing was written.
 */
import path from 'node:path';
import { ContentError } from '../content/content-errors';
import { displayPath } from '../content/content-paths';
import { titleFromSlug, writeNewLab } from '../content/scaffold/new-lab';

const DEFAULT_CONTENT_ROOT = 'content';
const [slug, contentRoot = DEFAULT_CONTENT_ROOT, ...extra] = process.argv.slice(2);

if (!slug || slug.startsWith('-') || extra.length > 0) {
  console.error('Usage : ./dockyard lab new <identifiant> [dossier de contenu, content/ par défaut]');
  console.error('        (ou npm run lab:new -- <identifiant> [dossier])');
  console.error('L’identifiant (lettres minuscules, chiffres, tirets) devient l’adresse du lab : /labs/<identifiant>.');
  process.exit(1);
}

/** What to do once the files are written, in the order an author does it. */
function nextSteps(slug: string, root: string): string {
  // Another folder is a pack of its own: the commands are given it.
  const isCourse = root === path.resolve(DEFAULT_CONTENT_ROOT);
  const chapter = { slug, title: titleFromSlug(slug), summary: 'Ce que ce chapitre apprend, en une phrase.', lab: slug };
  return `Ensuite :
  1. Écrivez le lab : titre et description dans index.json, puis les pages et les scripts
     (docs/authoring.md). Pour une étape de plus, copiez step1/ en step2/ et ajoutez-la à
     details.steps et à dockyard.steps, dans le même ordre.
  2. Vérifiez ses fichiers (sans Docker, en une seconde) :
       npm run content:check${isCourse ? '' : ` -- ${displayPath(root)}`}
  3. Faites-le résoudre dans de vraies machines (chaque vérification doit échouer avant la
     solution et réussir après) :
       npm run lab:test -- ${isCourse ? '' : `${displayPath(root)} `}${slug}
  4. Pour que le cours y mène, ajoutez ce chapitre à « chapters » dans ${displayPath(path.join(root, 'course.json'))},
     à la place voulue (avec "lesson" s'il a une leçon) :
       ${JSON.stringify(chapter)}
     course.json n'est pas modifié pour vous : la place du lab et le texte du chapitre sont à
     choisir.${isCourse ? ` Sans chapitre, le lab s'ouvre quand même à l'adresse /labs/${slug}.` : ''}`;
}

try {
  const { labDir, files } = await writeNewLab({ contentRoot, slug });
  console.log(`✓ Lab « ${slug} » créé dans ${displayPath(labDir)}/ :`);
  for (const file of files) console.log(`    ${file}`);
  console.log(`\n${nextSteps(slug, path.resolve(contentRoot))}`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(`ERREUR : ${error.message}`);
  process.exitCode = 1;
}
