import { describe, expect, it } from 'vitest';
import { findAnnotationProblems } from '@/server/content/markdown/killercoda-annotations';

const where = (markdown: string) => findAnnotationProblems(markdown).map(({ line, column, message }) => `${line}:${column} ${message}`);

describe('findAnnotationProblems', () => {
  it('accepts what Dockyard turns into buttons and preview links', () => {
    const markdown = [
      '`docker ps`{{exec}}, `top`{{exec interrupt}}, `ls`{{copy}}, `pwd`{{execute}}',
      '[Votre page]({{TRAFFIC_HOST1_8080}}), ou {{TRAFFIC_HOST2_80}}/index.html',
      '```bash {{copy}}',
      'echo a',
      '```',
      '```',
      'echo b',
      '```{{exec interrupt}}',
    ].join('\n');
    expect(findAnnotationProblems(markdown)).toEqual([]);
  });

  it('reports every other {{…}} at its line and column, with what the student will see', () => {
    const markdown = [
      'Ouvrez [les ports]({{TRAFFIC_SELECTOR}}).',
      '`non copiable`{{}} puis `ls`{{execute T2}}',
      '',
      '```',
      'uname -r',
      '```{{exec HOST2}}',
      'Et {{exec}} tout seul, {{ variable }}.',
    ].join('\n');
    expect(where(markdown)).toEqual([
      expect.stringMatching(/^1:20 « \{\{TRAFFIC_SELECTOR\}\} » : Dockyard n’a pas de page de choix du port.* ; ce lien ne mène nulle part$/),
      expect.stringMatching(/^2:15 « \{\{\}\} » : le code n’est copiable que marqué \{\{copy\}\}/),
      expect.stringMatching(/^2:29 « \{\{execute T2\}\} » : Dockyard ne choisit ni terminal ni machine/),
      expect.stringMatching(/^6:4 « \{\{exec HOST2\}\} » : .* ; ignorée, le bloc s’affiche sans bouton$/),
      expect.stringMatching(/^7:4 « \{\{exec\}\} » : ne suit pas un code, il s’affiche tel quel/),
      '7:24 « {{ variable }} » : annotation Killercoda inconnue de Dockyard ; affichée telle quelle',
    ]);
  });

  it('ignores {{…}} written as code, in a block or inline, even across a line break', () => {
    const markdown = [
      '```',
      "docker inspect -f '{{.State.Running}}' web",
      '```{{copy}}',
      'Essayez `docker inspect -f',
      "'{{.Name}}' web` puis `docker ps --format '{{.Names}}'`{{exec}}.",
    ].join('\n');
    expect(findAnnotationProblems(markdown)).toEqual([]);
  });
});
