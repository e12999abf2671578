/**
 * The filter of /images: what a student types is often what the terminal printed
 * (`toto:1.0`, `docker.io/library/python:3.12`), so a query matches `name:tag` as well as a
 * name or a tag alone.
 */
export interface FilterableImage {
  name: string;
  tags: readonly string[];
}

const HUB_PREFIX = /^(?:docker\.io\/)?(?:library\/)?/;

export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase().replace(HUB_PREFIX, '');
}

export function matchesImage(image: FilterableImage, query: string): boolean {
  const wanted = normalizeQuery(query);
  if (wanted === '') return true;
  // `name:tag` holds the name and the tag: one test covers « nginx », « alpine » and « nginx:alp ».
  return image.tags.some((tag) => `${image.name}:${tag}`.includes(wanted));
}
