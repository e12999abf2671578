// The class's results as a CSV download, for spreadsheets and Moodle (default) or for Canvas
// (?format=canvas). Formats: server/progress/results-csv.ts, docs/api.md.
import { route } from '@/server/http/route';
import { classParams } from '@/server/http/class-params';
import { queryOf } from '@/server/http/query';
import { resultsCsvQuery } from '@/server/http/results-params';
import { resultsCsv, resultsFileName } from '@/server/progress/results-csv';

export const dynamic = 'force-dynamic';

export const GET = route(classParams, async ({ request, params, caller, services }) => {
  const { format } = queryOf(request, resultsCsvQuery);
  const results = await services.results.results(caller.requireRole('instructor', 'admin'), params.id);
  const fileName = resultsFileName(results.className, new Date(results.generatedAt), format);
  return new Response(resultsCsv(results, format), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
    },
  });
});
