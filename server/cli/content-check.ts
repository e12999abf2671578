/**
 * `npm run content:check [dossier]`: validates every lesson, lab and quiz under content/ (or
 * under the folder given, e.g. a Killercoda scenario being imported) and prints each problem
 * with its file and line. Exit code 1 on any error (warnings pass). Needs neither Docker nor
 * a database, so it runs first in `npm run check`.
 */
import { checkContent } from '../content/check-content';
import { formatContentReport } from '../content/format-issues';

const [contentRoot] = process.argv.slice(2);
const started = performance.now();
const report = await checkContent({ contentRoot });
console.log(formatContentReport(report, performance.now() - started));
process.exitCode = report.issues.errorCount > 0 ? 1 : 0;
