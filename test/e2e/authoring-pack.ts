// The folder pack the e2e server serves, in authoring mode (./dockyard author): a copy of
// test/fixtures/authoring-pack made fresh by the server's start command (playwright.config.ts),
// which authoring.spec.ts edits on disk while pages show it.
import path from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 3100);

export const AUTHORING_PACK = {
  name: 'auteur',
  fixture: 'test/fixtures/authoring-pack',
  folder: path.resolve(`.cache/e2e-data-${PORT}/authoring-pack`),
};
