import { STATUS_LABELS, type AssignmentStatus } from '@/server/progress/assignment-status';

const VARIANT: Record<AssignmentStatus, string> = {
  'not-started': 'badge',
  'in-progress': 'badge',
  done: 'badge badge--success',
  late: 'badge badge--warning',
};

export function StatusBadge({ status }: { status: AssignmentStatus }) {
  return <span className={VARIANT[status]}>{STATUS_LABELS[status]}</span>;
}
