import { useEffect, useRef, useState } from 'react';

/**
 * Calls `load` now and every `intervalMs` while the tab is visible, keeping the last value:
 * the dashboard shows a check a few seconds after the student ran it, without a reload and
 * without a channel of its own (a dozen instructors polling a small JSON is cheap). A failed
 * poll keeps the last value and says so; the next one may succeed.
 */
export function usePolling<T>(load: () => Promise<T>, initial: T, intervalMs: number): { value: T; error: unknown } {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  }, [load]);

  useEffect(() => {
    let current = true;
    const poll = () => {
      if (document.hidden) return;
      loadRef.current().then(
        (next) => {
          if (!current) return;
          setValue(next);
          setError(null);
        },
        (failure: unknown) => current && setError(failure),
      );
    };
    const timer = setInterval(poll, intervalMs);
    document.addEventListener('visibilitychange', poll);
    return () => {
      current = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [intervalMs]);

  return { value, error };
}
