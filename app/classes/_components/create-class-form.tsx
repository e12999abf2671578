'use client';

import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { MAX_CLASS_NAME_LENGTH } from '@/server/classes/class-rules';
import { useDictionary } from '../../_i18n/locale-provider';
import { textOf } from '../../_lib/use-form-action';
import { classesApi } from '../_lib/classes-api';
import { InlineForm } from './inline-form';
import styles from './inline-form.module.css';

/** « Créer la classe »: a name, then the new class's page with its join code. */
export function CreateClassForm() {
  const router = useRouter();
  const { classes: words } = useDictionary();
  const create = useCallback(
    async (form: FormData) => {
      const { class: created } = await classesApi.create(textOf(form, 'name'));
      router.push(`/classes/${created.id}`);
    },
    [router],
  );
  return (
    <InlineForm action={create} submitLabel={words.createSubmit}>
      <div className={`field ${styles.grow}`}>
        <label htmlFor="class-name">{words.createLabel}</label>
        <input className="input" id="class-name" name="name" required maxLength={MAX_CLASS_NAME_LENGTH} placeholder={words.createPlaceholder} />
      </div>
    </InlineForm>
  );
}
