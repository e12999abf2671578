import { describe, expect, it } from 'vitest';
import { qualifyLinks } from '@/server/content/content-paths';
import { contentId, splitContentId } from '@/server/content/packs/pack-registry';
import { parsePackSources } from '@/server/content/packs/pack-sources';

describe('DOCKYARD_CONTENT', () => {
  it('reads folders and git repositories, named or named after their folder, with a branch', () => {
    expect(parsePackSources('reseaux=/srv/cours/reseaux, /srv/k8s-avance\nhttps://git.univ.fr/prof/docker.git#printemps, cours=git@git.univ.fr:prof/cours.git')).toEqual([
      { id: 'reseaux', kind: 'folder', folder: '/srv/cours/reseaux' },
      { id: 'k8s-avance', kind: 'folder', folder: '/srv/k8s-avance' },
      { id: 'docker', kind: 'git', url: 'https://git.univ.fr/prof/docker.git', branch: 'printemps' },
      { id: 'cours', kind: 'git', url: 'git@git.univ.fr:prof/cours.git', branch: null },
    ]);
  });

  it('is empty when unset', () => {
    expect(parsePackSources(undefined)).toEqual([]);
    expect(parsePackSources(' , ')).toEqual([]);
  });

  it('refuses a name that cannot be a namespace, saying how to give one', () => {
    expect(() => parsePackSources('/srv/Cours Réseaux')).toThrow('nom=/srv/Cours Réseaux');
  });
});

describe('pack ids', () => {
  it('leave the built-in course’s slugs plain and prefix a pack’s', () => {
    expect(contentId('dockyard', 'images')).toBe('images');
    expect(contentId('reseaux', 'images')).toBe('reseaux.images');
    expect(splitContentId('reseaux.images')).toEqual({ pack: 'reseaux', slug: 'images' });
    expect(splitContentId('images')).toEqual({ pack: 'dockyard', slug: 'images' });
  });

  it('qualify a pack’s own links to its lessons and labs, and nothing else', () => {
    const html = '<a href="/labs/premier">x</a> <a href="/lecons/bases#quiz">y</a> <a href="/images">z</a> <a href="/labs/autre.lab">w</a>';
    expect(qualifyLinks({ pack: 'reseaux' }, html)).toBe(
      '<a href="/labs/reseaux.premier">x</a> <a href="/lecons/reseaux.bases#quiz">y</a> <a href="/images">z</a> <a href="/labs/autre.lab">w</a>',
    );
    expect(qualifyLinks({ pack: 'dockyard' }, html)).toBe(html);
  });
});
