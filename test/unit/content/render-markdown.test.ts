import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/server/content/markdown/render-markdown';
import { writeContentFixture } from './write-fixture';

let root: string;
const render = (markdown: string) =>
  renderMarkdown(markdown, { contentRoot: root, baseDir: path.join(root, 'lessons'), sourceFile: path.join(root, 'lessons', 'essai.md') });

beforeAll(async () => {
  root = await writeContentFixture({
    'lessons/assets/schema.svg': '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><title>Schéma</title></svg>\n',
  });
});

describe('Killercoda annotations', () => {
  it('turns a fence closed by {{exec}} into an exec block with the exact command, highlighted', () => {
    const { html } = render('Lancez :\n\n```bash\ndocker run --name "premier" busybox echo a && echo b\n```{{exec}}\n\nEnsuite.\n');
    expect(html).toContain('<pre data-exec="docker run --name &quot;premier&quot; busybox echo a &amp;&amp; echo b">');
    expect(html).toContain('<code class="hljs language-bash">');
    expect(html).toContain('<span class="hljs-built_in">echo</span>');
    expect(html).toContain('data-code-action="exec"');
    expect(html).toContain('▶ Exécuter');
    expect(html).not.toContain('{{exec}}');
    expect(html).toContain('<p>Ensuite.</p>');
  });

  it('marks {{exec interrupt}} blocks so the client sends Ctrl-C first', () => {
    const { html } = render('```\ntop\n```{{exec interrupt}}\n');
    expect(html).toContain('<pre data-exec="top" data-interrupt="true">');
  });

  it('turns a fence closed by {{copy}} into a copy block', () => {
    const { html } = render('```bash\nexport A=1\n```{{copy}}\n');
    expect(html).toContain('<pre data-copy="export A=1">');
    expect(html).toContain('data-code-action="copy"');
    expect(html).not.toContain('data-exec');
  });

  it('keeps multi-line commands whole and leaves plain fences alone', () => {
    const { html } = render('```bash\ndocker ps\ndocker images\n```{{exec}}\n\n```bash\nls\n```\n');
    expect(html).toContain('data-exec="docker ps\ndocker images"');
    expect(html).toContain('<pre><code class="hljs language-bash"><span class="hljs-built_in">ls</span></code></pre>');
  });

  it('supports inline `code`{{exec}} and `code`{{copy}}', () => {
    const { html } = render('Tapez `docker ps -a`{{exec}} ou copiez `busybox`{{copy}}.');
    expect(html).toContain('data-exec="docker ps -a"');
    expect(html).toContain('data-copy="busybox"');
    expect(html).toContain('<code>docker ps -a</code>');
  });

  it('ends a block at a fence closed by an annotation it does not know, without a button', () => {
    const { html } = render('```\ndocker ps\n```{{execute T2}}\n\nEnsuite.\n');
    expect(html).toContain('<pre><code class="hljs">docker ps</code></pre>');
    expect(html).not.toContain('data-exec');
    expect(html).toContain('<p>Ensuite.</p>');
  });
});

describe('Markdown rendering', () => {
  it('escapes code, even inside blocks without a known language', () => {
    const { html } = render('```inconnu\n<script>alert(1)</script>\n```\n');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('inlines a local SVG as a figure, outside any paragraph', () => {
    const { html } = render('![Le schéma](assets/schema.svg)\n');
    expect(html).toBe('<figure class="diagram"><svg xmlns="http://www.w3.org/2000/svg"><title>Schéma</title></svg><figcaption>Le schéma</figcaption></figure>\n');
  });

  it('names the Markdown file when a diagram is missing or not a local SVG', () => {
    expect(() => render('![x](assets/absent.svg)')).toThrow(/absent\.svg.*essai\.md/);
    expect(() => render('![x](https://example.org/x.png)')).toThrow(/essai\.md/);
    expect(() => render('![x](../../etc/x.svg)')).toThrow(/hors du dossier de contenu/);
  });

  it('gives headings French-friendly, unique anchors and lists them', () => {
    const { html, headings } = render('## Les réseaux\n\n### Les réseaux\n');
    expect(html).toContain('<h2 id="les-reseaux">Les réseaux</h2>');
    expect(headings).toEqual([
      { depth: 2, id: 'les-reseaux', text: 'Les réseaux' },
      { depth: 3, id: 'les-reseaux-2', text: 'Les réseaux' },
    ]);
  });
});
