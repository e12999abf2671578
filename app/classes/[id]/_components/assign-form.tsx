'use client';

import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import type { AssignableItem, AssignmentKind } from '@/server/classes/assignable-content';
import { useDictionary } from '../../../_i18n/locale-provider';
import { textOf } from '../../../_lib/use-form-action';
import { classesApi } from '../../_lib/classes-api';
import { localInputToIso } from '../../_lib/deadline';
import { InlineForm } from '../../_components/inline-form';
import styles from '../../_components/inline-form.module.css';

/** Choose content of the course and an optional deadline; choosing the same again changes its deadline. */
export function AssignForm({ classId, assignable }: { classId: string; assignable: AssignableItem[] }) {
  const router = useRouter();
  const { classes: words } = useDictionary();
  const assign = useCallback(
    async (form: FormData) => {
      const [kind = '', slug = ''] = textOf(form, 'content').split('/');
      await classesApi.assign(classId, { kind: kind as AssignmentKind, slug, dueAt: localInputToIso(textOf(form, 'dueAt')) });
      router.refresh();
    },
    [classId, router],
  );

  return (
    <InlineForm action={assign} submitLabel={words.assignSubmit} spaced>
      <div className={`field ${styles.grow}`}>
        <label htmlFor="assign-content">{words.assignContent}</label>
        <select className="input" id="assign-content" name="content" required defaultValue="">
          <option value="" disabled>
            {words.assignChoose}
          </option>
          {assignable.map((item) => (
            <option key={`${item.kind}/${item.slug}`} value={`${item.kind}/${item.slug}`}>
              {words.kinds[item.kind]} — {item.chapter}. {item.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="assign-due">{words.assignDue}</label>
        <input className="input" id="assign-due" name="dueAt" type="datetime-local" />
      </div>
    </InlineForm>
  );
}
