import type { Metadata } from 'next';
import { formatJoinCode, JOIN_CODE_LENGTH, normalizeJoinCode } from '@/server/classes/join-code';
import { requirePageUser } from '../../_lib/page-caller';
import { serverDictionary } from '../../_i18n/server-locale';
import { JoinPage } from '../join-page';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).classes.joinTitle };
}

/** The join link (/rejoindre/ABCDEFGH): joining is a button press, never a side effect of opening a link. */
export default async function JoinLinkPage({ params }: { params: Promise<{ code: string }> }) {
  const code = normalizeJoinCode(decodeURIComponent((await params).code)).slice(0, JOIN_CODE_LENGTH);
  await requirePageUser(`/rejoindre/${code}`);
  return <JoinPage code={code.length === JOIN_CODE_LENGTH ? formatJoinCode(code) : code} />;
}
