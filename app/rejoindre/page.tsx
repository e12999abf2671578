import type { Metadata } from 'next';
import { requirePageUser } from '../_lib/page-caller';
import { JoinPage } from './join-page';

export const metadata: Metadata = { title: 'Rejoindre une classe' };

export default async function JoinWithCodePage() {
  await requirePageUser('/rejoindre');
  return <JoinPage />;
}
