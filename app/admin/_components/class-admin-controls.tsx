'use client';

import { useCallback, useId } from 'react';
import { useRouter } from 'next/navigation';
import type { TeacherView } from '@/server/classes/class-views';
import { MAX_CLASS_NAME_LENGTH } from '@/server/classes/class-rules';
import { useDictionary } from '../../_i18n/locale-provider';
import { textOf } from '../../_lib/use-form-action';
import { InlineForm } from '../../classes/_components/inline-form';
import formStyles from '../../classes/_components/inline-form.module.css';
import { adminApi } from '../_lib/admin-api';
import styles from './user-controls.module.css';

interface ClassAdminControlsProps {
  classId: string;
  name: string;
  instructorId: string;
  teachers: TeacherView[];
}

/** « Modifier » on a row of the admin's classes: rename the class, or hand it over to another teacher. */
export function ClassAdminControls({ classId, name, instructorId, teachers }: ClassAdminControlsProps) {
  const { admin: words } = useDictionary();
  const router = useRouter();
  const id = useId();
  const others = teachers.filter((teacher) => teacher.id !== instructorId);

  const rename = useCallback(
    async (form: FormData) => {
      await adminApi.renameClass(classId, textOf(form, 'name'));
      router.refresh();
    },
    [classId, router],
  );
  const transfer = useCallback(
    async (form: FormData) => {
      const teacher = others.find((candidate) => candidate.id === textOf(form, 'instructorId'));
      if (!teacher || !window.confirm(words.confirmTransfer(name, teacher.name))) return;
      await adminApi.transferClass(classId, teacher.id);
      router.refresh();
    },
    [classId, name, others, router, words],
  );

  return (
    <details className={styles.edit}>
      <summary className="button button--small button--secondary">{words.editClass}</summary>
      <div className={styles.editForms}>
        <InlineForm action={rename} submitLabel={words.rename} variant="secondary">
          <div className={`field ${formStyles.grow}`}>
            <label htmlFor={`${id}-name`}>{words.newName(name)}</label>
            <input className="input" id={`${id}-name`} name="name" defaultValue={name} required maxLength={MAX_CLASS_NAME_LENGTH} />
          </div>
        </InlineForm>
        {others.length === 0 ? (
          <p className={styles.hint}>{words.noOtherTeacher}</p>
        ) : (
          <InlineForm action={transfer} submitLabel={words.transfer} variant="secondary">
            <div className={`field ${formStyles.grow}`}>
              <label htmlFor={`${id}-teacher`}>{words.newInstructor(name)}</label>
              <select className="input" id={`${id}-teacher`} name="instructorId" required defaultValue="">
                <option value="" disabled>
                  {words.chooseTeacher}
                </option>
                {others.map((teacher) => (
                  <option key={teacher.id} value={teacher.id}>
                    {teacher.name} ({teacher.email})
                  </option>
                ))}
              </select>
            </div>
          </InlineForm>
        )}
      </div>
    </details>
  );
}
