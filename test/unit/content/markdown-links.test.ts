import { describe, expect, it } from 'vitest';
import { findMarkdownLinks } from '@/server/content/markdown/markdown-links';

describe('findMarkdownLinks', () => {
  it('finds links, images, reference definitions and HTML attributes at their line and column', () => {
    const markdown = [
      'Voir [la leçon](/lecons/images "titre") puis ![schéma](assets/a.svg).',
      '',
      '[ref]: https://docs.docker.com',
      'Un <a href="/labs/swarm">lab</a>.',
    ].join('\n');
    expect(findMarkdownLinks(markdown)).toEqual([
      { href: '/lecons/images', image: false, line: 1, column: 6 },
      { href: 'assets/a.svg', image: true, line: 1, column: 46 },
      { href: 'https://docs.docker.com', image: false, line: 3, column: 8 },
      { href: '/labs/swarm', image: false, line: 4, column: 4 },
    ]);
  });

  it('skips code: fenced blocks (Killercoda-annotated too) and inline code', () => {
    const markdown = ['```bash', 'echo "[pas](un-lien)"', '```{{exec}}', '`[pas](non-plus)` mais [oui](/)'].join('\n');
    expect(findMarkdownLinks(markdown)).toEqual([{ href: '/', image: false, line: 4, column: 24 }]);
  });
});
