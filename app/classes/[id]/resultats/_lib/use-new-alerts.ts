import { useEffect, useRef, useState } from 'react';

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
    if (previous === null) return;
    const fresh = items.filter((item) => !previous.has(item.key));
    if (fresh.length > 0) setMessage(describeRef.current(fresh));
  }, [items]);

  return message;
}
