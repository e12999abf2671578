import { useEffect, useState } from 'react';

/**
 * Milliseconds left until `deadline` (an ISO date), ticking every second; null without one.
 * Measured with the browser's clock against the server's deadline.
 */
export function useRemainingTime(deadline: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!deadline) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [deadline]);

  return deadline ? Date.parse(deadline) - now : null;
}
