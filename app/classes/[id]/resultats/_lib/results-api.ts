import type { ClassDashboardView } from '@/server/progress/class-results';
import type { CsvFormat } from '@/server/progress/results-csv';
import type { LabEvidenceView, QuizEvidenceView } from '@/server/progress/progress-views';
import { requestJson } from '../../../../_lib/request-json';

const classUrl = (classId: string) => `/api/classes/${encodeURIComponent(classId)}`;
const studentUrl = (classId: string, userId: string) => `${classUrl(classId)}/students/${encodeURIComponent(userId)}`;

/** The class results API (rules in server/progress/class-results.ts). */
export const resultsApi = {
  /** The matrix and the students who look stuck, in one answer: the dashboard polls it. */
  dashboard: (classId: string) => requestJson<ClassDashboardView>(`${classUrl(classId)}/results`),
  /** One page of the student's history on the lab: the first, or the one after `after` (a page's `cursor`). */
  labEvidence: (classId: string, userId: string, lab: string, after?: string) =>
    requestJson<{ evidence: LabEvidenceView }>(
      `${studentUrl(classId, userId)}/labs/${encodeURIComponent(lab)}${after ? `?after=${encodeURIComponent(after)}` : ''}`,
    ),
  quizEvidence: (classId: string, userId: string, quiz: string) =>
    requestJson<{ evidence: QuizEvidenceView }>(`${studentUrl(classId, userId)}/quizzes/${encodeURIComponent(quiz)}`),
  /** The CSV download; `canvas` for Canvas's gradebook import (server/progress/results-csv.ts). */
  csvHref: (classId: string, format: CsvFormat = 'spreadsheet') =>
    `${classUrl(classId)}/results/csv${format === 'spreadsheet' ? '' : `?format=${format}`}`,
};
