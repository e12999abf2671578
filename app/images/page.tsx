import type { Metadata } from 'next';
import { readOfflineCatalog } from '@/server/images/offline-catalog';
import { PageHeading } from '../_components/page-heading';
import { serverDictionary } from '../_i18n/server-locale';
import { ImageCatalogTable } from './_components/image-catalog-table';
import { InlineCode } from './_components/inline-code';
import styles from './images.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await serverDictionary()).images.metaTitle };
}

/**
 * Where the lab node's docker wrapper sends a student whose image is not in the catalog
 * (runtime/images/lab-node/docker-hints.sh): read per request, so a rebuilt catalog shows
 * without rebuilding the site.
 */
export default async function ImagesPage() {
  const { images: words } = await serverDictionary();
  return (
    <div className={`container ${styles.page}`}>
      <PageHeading eyebrow={words.eyebrow} title={words.metaTitle} lead={<InlineCode text={words.lead} />} />
      <ImageCatalogTable images={readOfflineCatalog()} />
    </div>
  );
}
