/**
 * `npm run content:check`: validates every lesson, lab and quiz under content/ and prints
 * each problem with its file and line. Exit code 1 on any error (warnings pass). Needs
 * neither Docker nor a database, so it runs first in `npm run check`.
 */
import { checkContent } from '../content/check-content';
import { formatContentReport } from '../content/format-issues';

const started = performance.now();
const report = await checkContent();
console.log(formatContentReport(report, performance.now() - started));
process.exitCode = report.issues.errorCount > 0 ? 1 : 0;
