'use client';

import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { useDictionary } from '../../_i18n/locale-provider';
import { textOf } from '../../_lib/use-form-action';
import { classesApi } from '../_lib/classes-api';
import { InlineForm } from './inline-form';
import styles from './inline-form.module.css';

/** The code the instructor gave (or the one in the join link); then the class's page. */
export function JoinClassForm({ initialCode = '' }: { initialCode?: string }) {
  const router = useRouter();
  const { classes: words } = useDictionary();
  const join = useCallback(
    async (form: FormData) => {
      const { class: joined } = await classesApi.join(textOf(form, 'code'));
      router.push(`/classes/${joined.id}`);
    },
    [router],
  );
  return (
    <InlineForm action={join} submitLabel={words.joinSubmit}>
      <div className={`field ${styles.grow}`}>
        <label htmlFor="join-code">{words.joinCodeLabel}</label>
        <input
          className="input input--code"
          id="join-code"
          name="code"
          required
          maxLength={32}
          defaultValue={initialCode}
          placeholder="ABCD-EFGH"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
        />
      </div>
    </InlineForm>
  );
}
