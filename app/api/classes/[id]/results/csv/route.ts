// The class's results as a CSV download (format: server/progress/results-csv.ts, docs/api.md).
import { route } from '@/server/http/route';
import { classParams } from '@/server/http/class-params';
import { resultsCsv, resultsFileName } from '@/server/progress/results-csv';

export const dynamic = 'force-dynamic';

export const GET = route(classParams, async ({ params, caller, services }) => {
  const results = await services.results.results(caller.requireRole('instructor', 'admin'), params.id);
  const fileName = resultsFileName(results.className, new Date(results.generatedAt));
  return new Response(resultsCsv(results), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
    },
  });
});
