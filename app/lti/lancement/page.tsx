import type { Metadata } from 'next';
import { serverDictionary } from '../../_i18n/server-locale';
import { LaunchContinuation } from '../_components/lti-launch-continuation';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).lti.launchMetaTitle };
}

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
  const { lti: words } = await serverDictionary();
  return (
    <div className="container">
      <section className="panel">
        <h1>{words.launchTitle}</h1>
        {typeof ticket === 'string' ? (
          <LaunchContinuation redeemUrl={`/api/lti/session?ticket=${encodeURIComponent(ticket)}`} />
        ) : (
          <p role="alert">{words.launchIncomplete}</p>
        )}
      </section>
    </div>
  );
}
