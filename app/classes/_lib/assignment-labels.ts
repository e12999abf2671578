import type { AssignmentKind } from '@/server/classes/assignable-content';

export const KIND_LABELS: Record<AssignmentKind, string> = { lesson: 'Leçon', quiz: 'Quiz', lab: 'Lab' };
