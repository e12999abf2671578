import type { Metadata } from 'next';
import { requirePageUser } from '../_lib/page-caller';
import { serverDictionary } from '../_i18n/server-locale';
import { JoinPage } from './join-page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).classes.joinTitle };
}

export default async function JoinWithCodePage() {
  await requirePageUser('/rejoindre');
  return <JoinPage />;
}
