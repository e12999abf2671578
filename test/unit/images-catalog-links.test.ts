// Lessons may send students to /images (the offline catalog): content:check takes it as a page.
import { describe, expect, it } from 'vitest';
import { linkProblem, type LinkContext } from '@/server/content/link-problems';

const context: LinkContext = { contentRoot: '/contenu', baseDir: '/contenu/lessons', site: { lessons: new Set(), labs: new Set() } };
const problem = (href: string) => linkProblem({ href, image: false, line: 1, column: 1 }, context);

describe('a course link to the image catalog', () => {
  it.each(['/images', '/images/', '/images#nginx', '/images?q=python'])('%s is a page', (href) => {
    expect(problem(href)).toBeNull();
  });

  it('is not a prefix: another path is still an unknown page, and the message names /images', () => {
    expect(problem('/images-docker')).toMatch(/page inconnue ; .* et \/images$/);
    expect(problem('/images/nginx')).toMatch(/page inconnue/);
  });
});
