import type { Metadata } from 'next';
import { LaunchContinuation } from '../_components/lti-launch-continuation';

export const metadata: Metadata = { title: 'Ouverture depuis votre cours' };
export const dynamic = 'force-dynamic';

interface LaunchPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * Where a verified launch lands: the ticket is redeemed here (signed in, then the activity),
 * in the LMS's frame when the browser keeps Dockyard's cookie there, else in a new window.
 */
export default async function LaunchPage({ searchParams }: LaunchPageProps) {
  const ticket = (await searchParams).ticket;
  return (
    <div className="container">
      <section className="panel">
        <h1>Ouverture de Dockyard</h1>
        {typeof ticket === 'string' ? (
          <LaunchContinuation redeemUrl={`/api/lti/session?ticket=${encodeURIComponent(ticket)}`} />
        ) : (
          <p role="alert">Ce lien de lancement est incomplet : relancez l’activité depuis votre plateforme de cours.</p>
        )}
      </section>
    </div>
  );
}
