import { useEffect, useRef, useState } from 'react';

/** The items whose key `previous` lacks; none while there is no previous value (the page just opened). */
export function freshAlerts<T extends { key: string }>(previous: ReadonlySet<string> | null, items: T[]): T[] {
  return previous === null ? [] : items.filter((item) => !previous.has(item.key));
}

/**
 * What a polite live region should say about `items`: only those whose key the previous
 * value did not have. The first value (what the page opened with) and every poll that brings
 * nothing new leave it as it was, so a screen reader hears each alert once, not every 3 s.
 */
export function useNewAlerts<T extends { key: string }>(items: T[], describe: (fresh: T[]) => string): string {
  const seen = useRef<Set<string> | null>(null);
  const [message, setMessage] = useState('');
  const describeRef = useRef(describe);
  useEffect(() => {
    describeRef.current = describe;
  }, [describe]);

  useEffect(() => {
    const previous = seen.current;
    seen.current = new Set(items.map((item) => item.key));
    const fresh = freshAlerts(previous, items);
    if (fresh.length > 0) setMessage(describeRef.current(fresh));
  }, [items]);

  return message;
}
