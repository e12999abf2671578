'use client';

import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import type { AssignableItem, AssignmentKind } from '@/server/classes/assignable-content';
import { textOf } from '../../../_lib/use-form-action';
import { KIND_LABELS } from '../../_lib/assignment-labels';
import { classesApi } from '../../_lib/classes-api';
import { localInputToIso } from '../../_lib/deadline';
import { InlineForm } from '../../_components/inline-form';
import styles from '../../_components/inline-form.module.css';

/** Choose content of the course and an optional deadline; choosing the same again changes its deadline. */
export function AssignForm({ classId, assignable }: { classId: string; assignable: AssignableItem[] }) {
  const router = useRouter();
  const assign = useCallback(
    async (form: FormData) => {
      const [kind = '', slug = ''] = textOf(form, 'content').split('/');
      await classesApi.assign(classId, { kind: kind as AssignmentKind, slug, dueAt: localInputToIso(textOf(form, 'dueAt')) });
      router.refresh();
    },
    [classId, router],
  );

  return (
    <InlineForm action={assign} submitLabel="Donner à la classe" spaced>
      <div className={`field ${styles.grow}`}>
        <label htmlFor="assign-content">Contenu</label>
        <select className="input" id="assign-content" name="content" required defaultValue="">
          <option value="" disabled>
            Choisir un lab, une leçon ou un quiz…
          </option>
          {assignable.map((item) => (
            <option key={`${item.kind}/${item.slug}`} value={`${item.kind}/${item.slug}`}>
              {KIND_LABELS[item.kind]} — {item.chapter}. {item.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="assign-due">Échéance (facultative)</label>
        <input className="input" id="assign-due" name="dueAt" type="datetime-local" />
      </div>
    </InlineForm>
  );
}
