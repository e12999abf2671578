import type { ClassResultsView } from '@/server/progress/class-results';
import type { LabEvidenceView } from '@/server/progress/progress-views';
import { requestJson } from '../../../../_lib/request-json';

const classUrl = (classId: string) => `/api/classes/${encodeURIComponent(classId)}`;

/** The class results API (rules in server/progress/class-results.ts). */
export const resultsApi = {
  results: (classId: string) => requestJson<{ results: ClassResultsView }>(`${classUrl(classId)}/results`),
  labEvidence: (classId: string, userId: string, lab: string) =>
    requestJson<{ evidence: LabEvidenceView }>(`${classUrl(classId)}/students/${encodeURIComponent(userId)}/labs/${encodeURIComponent(lab)}`),
  csvHref: (classId: string) => `${classUrl(classId)}/results/csv`,
};
