import { describe, expect, it } from 'vitest';
import { loadCourse } from '@/server/content/course';
import { loadLesson } from '@/server/content/lesson';
import { validateContent } from '@/server/content/validate-content';
import { writeContentFixture } from './write-fixture';

describe('loadLesson', () => {
  it('reads the front matter and renders the body', async () => {
    const contentRoot = await writeContentFixture({
      'lessons/essai.md': '---\ntitle: "Essai : le titre"\nsummary: Un résumé\nlab: essai\n---\n\n## Partie\n\nTexte.\n',
    });
    const lesson = await loadLesson('essai', { contentRoot });
    expect(lesson).toMatchObject({ title: 'Essai : le titre', summary: 'Un résumé', lab: 'essai', readingMinutes: 1 });
    expect(lesson.html).toContain('<h2 id="partie">Partie</h2>');
  });

  it('names the file when the front matter is missing or incomplete', async () => {
    const contentRoot = await writeContentFixture({
      'lessons/sans-entete.md': '# Titre\n',
      'lessons/incomplete.md': '---\ntitle: Titre\n---\nTexte',
    });
    await expect(loadLesson('sans-entete', { contentRoot })).rejects.toThrow(/sans-entete\.md/);
    await expect(loadLesson('incomplete', { contentRoot })).rejects.toThrow(/incomplete\.md[\s\S]*summary/);
  });
});

describe('course', () => {
  it('names course.json and the duplicated slug', async () => {
    const chapter = { slug: 'meme', title: 'T', summary: 'S' };
    const contentRoot = await writeContentFixture({
      'course.json': JSON.stringify({ title: 'C', description: 'D', chapters: [chapter, chapter] }),
    });
    await expect(loadCourse({ contentRoot })).rejects.toThrow(/course\.json[\s\S]*chapters\.1\.slug/);
  });

  it('fails validation when a chapter points to a lesson that does not exist', async () => {
    const contentRoot = await writeContentFixture({
      'course.json': JSON.stringify({ title: 'C', description: 'D', chapters: [{ slug: 'a', title: 'T', summary: 'S', lesson: 'absente' }] }),
    });
    await expect(validateContent({ contentRoot })).rejects.toThrow(/absente\.md.*course\.json/);
  });
});
