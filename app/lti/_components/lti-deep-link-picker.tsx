'use client';

import { useState } from 'react';
import type { AssignableItem } from '@/server/classes/assignable-content';
import { alertFromError } from '../../_components/error-alert';
import { useDictionary } from '../../_i18n/locale-provider';
import { requestJson } from '../../_lib/request-json';

/**
 * The catalog as a list of choices; the chosen item comes back signed from the server and is
 * posted to the LMS (its deep-linking return address) as the form field JWT, as the spec asks.
 */
export function DeepLinkPicker({ requestId, items }: { requestId: string; items: AssignableItem[] }) {
  const { errors, classes } = useDictionary();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = async (item: AssignableItem) => {
    setBusy(true);
    setError(null);
    try {
      const { returnUrl, jwt } = await requestJson<{ returnUrl: string; jwt: string }>(`/api/lti/deep-links/${requestId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: item.kind, slug: item.slug }),
      });
      postToPlatform(returnUrl, jwt);
    } catch (failure) {
      setError(alertFromError(failure, errors).message);
      setBusy(false);
    }
  };

  return (
    <>
      {error && <p role="alert">{error}</p>}
      <ul>
        {items.map((item) => (
          <li key={`${item.kind}/${item.slug}`}>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void choose(item)}>
              {classes.kinds[item.kind]} — {item.chapter}. {item.title}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function postToPlatform(returnUrl: string, jwt: string): void {
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = returnUrl;
  const field = document.createElement('input');
  field.type = 'hidden';
  field.name = 'JWT';
  field.value = jwt;
  form.append(field);
  document.body.append(form);
  form.submit();
}
