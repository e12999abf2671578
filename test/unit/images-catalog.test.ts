// The /images page's data: catalog.txt and catalog-notes.json agree, docs/images.md names every
// image, and the readers say which file is wrong and where.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchesImage } from '@/app/images/_lib/filter-images';
import { readImageCatalog } from '@/server/content/scripts/image-catalog';
import { notesProblems, readImageNotes, readOfflineCatalog } from '@/server/images/offline-catalog';

const catalog = readImageCatalog();
const images = readOfflineCatalog();

function scratchFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'dockyard-images-')), name);
  writeFileSync(file, text);
  return file;
}

describe('the offline catalog and its notes', () => {
  it('give every image of catalog.txt exactly one note', () => {
    expect(catalog.size).toBeGreaterThan(10);
    expect(notesProblems(catalog, readImageNotes())).toEqual([]);
  });

  it('are named in docs/images.md, where authors read what each image holds', () => {
    const docs = readFileSync('docs/images.md', 'utf8');
    const unnamed = [...catalog.keys()].filter((name) => !docs.includes(`| \`${name}\` |`) || !docs.includes(`**${name}**`));
    expect(unnamed, 'a row of the table « What is in it » and a **paragraph** per image').toEqual([]);
  });

  it('keep backquotes paired, so that code shows as code on the page', () => {
    for (const [name, note] of Object.entries(readImageNotes())) {
      for (const text of [note.inside, note.differences]) expect(text.split('`').length % 2, `${name}: ${text}`).toBe(1);
    }
  });

  it('group the lines of one image: nginx has its Debian and alpine tags', () => {
    const nginx = images.find((image) => image.name === 'nginx');
    expect(nginx?.tags).toEqual(expect.arrayContaining(['latest', '1.22', 'stable', 'alpine', '1.22-alpine', 'stable-alpine']));
    expect(nginx?.note?.inside).toContain('nginx:alpine');
    expect(images.map((image) => image.name)).toEqual([...catalog.keys()].sort());
  });

  it('name the problem: an image without a note, a note without an image', () => {
    const problems = notesProblems(new Map([['toto', new Set(['1.0'])]]), { nginx: { inside: 'a', differences: 'b' } });
    expect(problems).toEqual([expect.stringContaining('toto'), expect.stringContaining('nginx')]);
  });
});

describe('the readers’ errors', () => {
  it('name an unreadable catalog and where it was looked for', () => {
    expect(() => readImageCatalog('/nonexistent/catalog.txt')).toThrow(/Catalogue d’images illisible : \/nonexistent\/catalog\.txt \(ENOENT\)/);
  });

  it('give the line of a catalog line without tags', () => {
    const file = scratchFile('catalog.txt', '# comment\nnginx nginx base latest\nredis redis base\n');
    expect(() => readImageCatalog(file)).toThrow(/ligne 3/);
  });

  it('refuse notes that are not JSON, or too long to be short', () => {
    expect(() => readImageNotes(scratchFile('notes.json', '{ "nginx": '))).toThrow(/notes\.json : JSON invalide/);
    const long = JSON.stringify({ nginx: { inside: 'x'.repeat(201), differences: 'y' } });
    expect(() => readImageNotes(scratchFile('notes.json', long))).toThrow(/nginx\.inside/);
  });
});

describe('the page’s filter', () => {
  const names = (query: string) => images.filter((image) => matchesImage(image, query)).map((image) => image.name);

  it('keeps everything for an empty query', () => {
    expect(names('  ')).toHaveLength(images.length);
  });

  it('matches a name, a tag, or the reference the terminal printed', () => {
    expect(names('python')).toEqual(['python']);
    expect(names('Python:3.12-slim')).toEqual(['python']);
    expect(names('docker.io/library/nginx:alpine')).toEqual(['nginx']);
    expect(names('alpine')).toEqual(expect.arrayContaining(['alpine', 'nginx', 'node', 'postgres']));
    expect(names('toto:1.0')).toEqual([]);
  });
});
