import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { isAuthoringMode } from '@/server/content/authoring/authoring-flag';
import { AuthoringWatch } from './_components/authoring-watch';
import { SiteFooter } from './_components/site-footer';
import { SiteHeader } from './_components/site-header';
import { LocaleProvider } from './_i18n/locale-provider';
import { requestLocale, serverDictionary } from './_i18n/server-locale';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { site } = await serverDictionary();
  return { title: { default: site.title, template: '%s · Dockyard' }, description: site.description };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#1e3a8a',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await requestLocale();
  const { site } = await serverDictionary();
  return (
    <html lang={locale}>
      <body>
        <LocaleProvider locale={locale}>
          <a className="skip-link" href="#contenu">
            {site.skipLink}
          </a>
          <SiteHeader />
          <main id="contenu">{children}</main>
          <SiteFooter />
          {/* `./dockyard author`: the page follows the pack's files as the author saves them. */}
          {isAuthoringMode() && <AuthoringWatch />}
        </LocaleProvider>
      </body>
    </html>
  );
}
