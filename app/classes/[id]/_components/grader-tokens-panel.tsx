'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import type { GraderTokenView } from '@/server/grader/grader-tokens';
import { ErrorAlert } from '../../../_components/error-alert';
import { LocalDate } from '../../../_components/local-date';
import { textOf, useFormAction } from '../../../_lib/use-form-action';
import { ClassActionButton } from '../../_components/class-action-button';
import { classesApi } from '../../_lib/classes-api';
import formStyles from '../../_components/inline-form.module.css';

/** « Accès pour les outils de notes »: tokens of the grader API (docs/api.md), each shown once when made. */
export function GraderTokensPanel({ classId, tokens }: { classId: string; tokens: GraderTokenView[] }) {
  const router = useRouter();
  const [fresh, setFresh] = useState<string | null>(null);
  const create = useCallback(
    async (form: FormData) => {
      const { token } = await classesApi.createToken(classId, textOf(form, 'name'));
      setFresh(token);
      router.refresh();
    },
    [classId, router],
  );
  const { busy, ready, alert, dismissAlert, onSubmit } = useFormAction(create);

  return (
    <section className="panel" aria-labelledby="jetons">
      <h2 id="jetons">Accès pour les outils de notes</h2>
      <p className="panel-lead">
        Un jeton permet à un ENT, un LMS ou un script de lire les résultats de cette classe seulement (API décrite dans docs/api.md). Révoquez-le dès qu’il ne sert plus.
      </p>
      <form className={formStyles.form} onSubmit={(event) => void onSubmit(event)}>
        <div className={`field ${formStyles.grow}`}>
          <label htmlFor="token-name">Nom du jeton</label>
          <input className="input" id="token-name" name="name" required maxLength={60} placeholder="Moodle" />
        </div>
        <button type="submit" className="button button--secondary" disabled={busy || !ready}>
          Créer un jeton
        </button>
        {alert && (
          <div className={formStyles.alert}>
            <ErrorAlert alert={alert} onDismiss={dismissAlert} />
          </div>
        )}
      </form>
      {fresh && (
        <div className="field">
          <label htmlFor="fresh-token">Copiez ce jeton maintenant : il ne sera plus jamais affiché</label>
          <input className="input" id="fresh-token" value={fresh} readOnly onFocus={(event) => event.currentTarget.select()} data-testid="fresh-token" />
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="empty-state">Aucun jeton : aucun outil extérieur ne lit cette classe.</p>
      ) : (
        <table className="data-table" data-testid="grader-tokens">
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Créé le</th>
              <th scope="col">Dernier usage</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
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
                <td>{token.lastUsedAt ? <LocalDate iso={token.lastUsedAt} /> : 'jamais'}</td>
                <td>
                  <ClassActionButton
                    action={{ kind: 'revoke-token', classId, tokenId: token.id }}
                    label="Révoquer"
                    confirm={`Révoquer le jeton « ${token.name} » ? L’outil qui s’en sert ne pourra plus lire les résultats.`}
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
