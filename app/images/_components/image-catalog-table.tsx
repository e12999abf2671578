'use client';

/**
 * The catalog as a table, with a filter typed by the student: the rows are filtered in the
 * browser (the whole catalog is a few kilobytes) and the count is announced politely, so a
 * screen reader hears how many images are left without losing the input's focus.
 */
import { useId, useState } from 'react';
import type { OfflineImage } from '@/server/images/offline-catalog';
import { useDictionary } from '../../_i18n/locale-provider';
import { matchesImage } from '../_lib/filter-images';
import styles from '../images.module.css';
import { InlineCode } from './inline-code';

export function ImageCatalogTable({ images }: { images: OfflineImage[] }) {
  const { images: words } = useDictionary();
  const [query, setQuery] = useState('');
  const inputId = useId();
  const hintId = useId();
  const shown = images.filter((image) => matchesImage(image, query));

  return (
    <div className="panel">
      <div className={`field ${styles.filter}`}>
        <label htmlFor={inputId}>{words.filterLabel}</label>
        <input
          id={inputId}
          className="input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={hintId}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <p id={hintId} className="field-hint">
          {words.filterHint}
        </p>
      </div>
      <p role="status" className={styles.count}>
        {words.count(shown.length, images.length)}
      </p>

      {shown.length === 0 ? (
        <p className="empty-state">{words.noMatch(query.trim())}</p>
      ) : (
        // Focusable and named: on a phone the table scrolls sideways, also from the keyboard.
        <div className={styles.scroller} role="region" aria-label={words.caption} tabIndex={0}>
          <table className={`data-table ${styles.table}`}>
            <caption className="visually-hidden">{words.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{words.columns.image}</th>
                <th scope="col">{words.columns.tags}</th>
                <th scope="col">{words.columns.inside}</th>
                <th scope="col">{words.columns.differences}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((image) => (
                <tr key={image.name} data-image={image.name}>
                  <th scope="row">
                    <code>{image.name}</code>
                  </th>
                  <td>
                    <ul className={styles.tags}>
                      {image.tags.map((tag) => (
                        <li key={tag}>
                          <code>{tag}</code>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{image.note ? <InlineCode text={image.note.inside} /> : words.noNote}</td>
                  <td>{image.note ? <InlineCode text={image.note.differences} /> : words.noNote}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
