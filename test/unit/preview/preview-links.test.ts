import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/server/content/markdown/render-markdown';
import type { AssetContext } from '@/server/content/markdown/svg-figure';
import { parsePort, previewUrl, withPreviewLinks } from '@/app/labs/[slug]/_lib/preview-links';

const session = { id: 'S1', nodes: ['node1', 'node2'] };
const origin = 'http://localhost:3000';
const assets: AssetContext = { contentRoot: '/nowhere', baseDir: '/nowhere/step1', sourceFile: 'step1/text.md' };

function render(markdown: string): string {
  return renderMarkdown(markdown, assets).html;
}

describe('{{TRAFFIC_HOST…}} in lab steps', () => {
  it('becomes the session’s preview URL, in links (new tab) and in text', () => {
    const html = withPreviewLinks(
      render('Ouvrez [le site]({{TRAFFIC_HOST1_8080}}) ou {{TRAFFIC_HOST2_80}}/page.html.'),
      session,
      origin,
    );
    expect(html).toBe(
      '<p>Ouvrez <a href="http://localhost:3000/preview/S1/node1/8080" target="_blank" rel="noopener noreferrer">le site</a> ' +
        'ou http://localhost:3000/preview/S1/node2/80/page.html.</p>\n',
    );
  });

  it('also fills commands the student can click', () => {
    const html = withPreviewLinks(render('`curl {{TRAFFIC_HOST1_8080}}/x`{{copy}}'), session, origin);
    expect(html).toContain('data-copy="curl http://localhost:3000/preview/S1/node1/8080/x"');
    expect(html).not.toContain('TRAFFIC');
  });

  it('without a session, says which port it will be and links nowhere', () => {
    const html = withPreviewLinks(render('[Voir]({{TRAFFIC_HOST1_8080}}) {{TRAFFIC_HOST1_8080}}'), null, origin);
    expect(html).toBe('<p><a title="Démarrez le lab pour ouvrir cet aperçu">Voir</a> [port 8080 de node1]</p>\n');
  });

  it('leaves a machine the lab does not have unresolved, and other HTML untouched', () => {
    expect(withPreviewLinks('{{TRAFFIC_HOST3_80}}', session, origin)).toBe('[port 80 de node3]');
    const plain = '<p><a href="https://docs.docker.com/">docs</a></p>';
    expect(withPreviewLinks(plain, session, origin)).toBe(plain);
  });
});

describe('port preview URLs', () => {
  it('reads a port as typed and builds the entry URL', () => {
    expect(parsePort(' 8080 ')).toBe(8080);
    for (const bad of ['', '0', '65536', '80a', '-1', '08']) expect(parsePort(bad)).toBeNull();
    expect(previewUrl('S1', 'node1', 8080)).toBe('/preview/S1/node1/8080/');
  });
});
