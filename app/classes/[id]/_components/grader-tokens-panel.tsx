'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import type { GraderTokenView } from '@/server/grader/grader-tokens';
import { LocalDate } from '../../../_components/local-date';
import { useDictionary } from '../../../_i18n/locale-provider';
import { textOf } from '../../../_lib/use-form-action';
import { ClassActionButton } from '../../_components/class-action-button';
import { InlineForm } from '../../_components/inline-form';
import { classesApi } from '../../_lib/classes-api';
import formStyles from '../../_components/inline-form.module.css';

/** « Accès pour les outils de notes »: tokens of the grader API (docs/api.md), each shown once when made. */
export function GraderTokensPanel({ classId, tokens }: { classId: string; tokens: GraderTokenView[] }) {
  const router = useRouter();
  const { classes } = useDictionary();
  const words = classes.tokens;
  const actionsLabel = classes.columns.actions;
  const [fresh, setFresh] = useState<string | null>(null);
  const create = useCallback(
    async (form: FormData) => {
      const { token } = await classesApi.createToken(classId, textOf(form, 'name'));
      setFresh(token);
      router.refresh();
    },
    [classId, router],
  );

  return (
    <section className="panel" aria-labelledby="jetons">
      <h2 id="jetons">{words.title}</h2>
      <p className="panel-lead">{words.lead}</p>
      <InlineForm action={create} submitLabel={words.create} variant="secondary">
        <div className={`field ${formStyles.grow}`}>
          <label htmlFor="token-name">{words.name}</label>
          <input className="input" id="token-name" name="name" required maxLength={60} placeholder="Moodle" />
        </div>
      </InlineForm>
      {fresh && (
        <div className="field">
          <label htmlFor="fresh-token">{words.copyNow}</label>
          <input className="input" id="fresh-token" value={fresh} readOnly onFocus={(event) => event.currentTarget.select()} data-testid="fresh-token" />
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="empty-state">{words.none}</p>
      ) : (
        <table className="data-table" data-testid="grader-tokens">
          <thead>
            <tr>
              <th scope="col">{words.columns.name}</th>
              <th scope="col">{words.columns.createdAt}</th>
              <th scope="col">{words.columns.lastUsed}</th>
              <th scope="col">
                <span className="visually-hidden">{actionsLabel}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  <LocalDate iso={token.createdAt} format="date" />
                </td>
                <td>{token.lastUsedAt ? <LocalDate iso={token.lastUsedAt} /> : words.never}</td>
                <td>
                  <ClassActionButton
                    action={{ kind: 'revoke-token', classId, tokenId: token.id }}
                    label={words.revoke}
                    confirm={words.confirmRevoke(token.name)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
