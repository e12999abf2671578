'use client';

import type { AssignmentStatus } from '@/server/progress/assignment-status';
import { useDictionary } from '../../../../_i18n/locale-provider';

const VARIANT: Record<AssignmentStatus, string> = {
  'not-started': 'badge',
  'in-progress': 'badge',
  done: 'badge badge--success',
  late: 'badge badge--warning',
};

export function StatusBadge({ status }: { status: AssignmentStatus }) {
  const { results } = useDictionary();
  return <span className={VARIANT[status]}>{results.statuses[status]}</span>;
}
