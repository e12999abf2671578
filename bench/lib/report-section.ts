/**
 * A bench's own section of docs/benchmarks.md, between its markers, rendered from its JSON
 * results: each bench rewrites its section and keeps the others' (report.ts appends them as
 * they are after its own part).
 */
import { readFile, writeFile } from 'node:fs/promises';

const REPORT = new URL('../../docs/benchmarks.md', import.meta.url);

export interface ReportSection<Results> {
  /** Where the figures are kept (bench/*.json). */
  results: URL;
  /** The section's name in its markers: `<!-- bench:NAME -->` … `<!-- /bench:NAME -->`. */
  name: string;
  /** The section's Markdown, without the markers. */
  render(results: Results): string;
}

function marked<Results>(section: ReportSection<Results>, results: Results): string {
  return `<!-- bench:${section.name} -->\n${section.render(results).trimEnd()}\n<!-- /bench:${section.name} -->\n`;
}

/** The section as last measured (empty when that bench never ran). */
export async function readSection<Results>(section: ReportSection<Results>): Promise<string> {
  try {
    return marked(section, JSON.parse(await readFile(section.results, 'utf8')) as Results);
  } catch {
    return '';
  }
}

/** Keeps the figures and puts the section at the end of docs/benchmarks.md, in place of its previous version. */
export async function writeSection<Results>(section: ReportSection<Results>, results: Results): Promise<void> {
  await writeFile(section.results, `${JSON.stringify(results, null, 2)}\n`);
  const begin = `<!-- bench:${section.name} -->`;
  const end = `<!-- /bench:${section.name} -->`;
  const report = await readFile(REPORT, 'utf8').catch(() => '');
  const start = report.indexOf(begin);
  const kept = start === -1 ? report : report.slice(0, start) + report.slice(report.indexOf(end) + end.length).replace(/^\n/, '');
  await writeFile(REPORT, `${kept.trimEnd()}\n\n${marked(section, results)}`);
}
