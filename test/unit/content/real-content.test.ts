import { describe, expect, it } from 'vitest';
import { loadCourse } from '@/server/content/course';
import { loadLab } from '@/server/content/lab';
import { loadLesson } from '@/server/content/lesson';
import { validateContent } from '@/server/content/validate-content';

describe('the course shipped in content/', () => {
  it('validates as a whole: every lesson and lab it points to loads', async () => {
    // A broken lab no longer stops start-up (it shows « lab indisponible »): ours must all load.
    expect((await validateContent()).unavailableLabs).toEqual([]);
  });

  it('has 13 numbered chapters, the fourth with its lesson and lab', async () => {
    const course = await loadCourse();
    expect(course.chapters).toHaveLength(13);
    expect(course.chapters.map((chapter) => chapter.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(course.chapters[3]).toMatchObject({ lesson: 'premiers-pas', lab: 'premiers-pas' });
  });

  it('renders the first-steps lesson with highlighted bash and the inline diagram', async () => {
    const lesson = await loadLesson('premiers-pas');
    expect(lesson.title).toMatch(/Docker/);
    expect(lesson.lab).toBe('premiers-pas');
    expect(lesson.html).toContain('class="hljs language-bash"');
    expect(lesson.html).toMatch(/<figure class="diagram"><svg[^>]*>/);
    expect(lesson.html).toContain('href="/labs/premiers-pas"');
    expect(lesson.headings.length).toBeGreaterThan(3);
  });

  it('loads the first-steps lab with a verify script for every step', async () => {
    const lab = await loadLab('premiers-pas');
    expect(lab).toMatchObject({ slug: 'premiers-pas', image: 'dockyard/node:latest', nodes: ['node1'] });
    expect(lab.intro.html).not.toBe('');
    expect(lab.finish.html).not.toBe('');
    expect(lab.steps.length).toBeGreaterThanOrEqual(3);
    lab.steps.forEach((step, index) => {
      expect(step.index).toBe(index);
      expect(step.verifyScript).toMatch(/^#!\/usr\/bin\/env bash/);
    });
    expect(lab.steps[0]?.html).toContain('data-exec="docker run hello-world"');
  });
});
