/**
 * A request's route as its pattern (`/api/sessions/[id]/check`), for the metrics' labels: the
 * route wrapper sees the path and the dynamic segments' values, not the route file's name,
 * so each segment that is a param's value is put back as `[name]`. Never a raw path: ids
 * would make every request a series of its own.
 */
export function routePattern(pathname: string, params: unknown): string {
  const names = new Map<string, string>();
  if (typeof params === 'object' && params !== null) {
    for (const [name, value] of Object.entries(params)) {
      for (const one of Array.isArray(value) ? value : [value]) if (typeof one === 'string') names.set(one, name);
    }
  }
  return pathname
    .split('/')
    .map((segment) => {
      const name = names.get(decoded(segment));
      return name === undefined ? segment : `[${name}]`;
    })
    .join('/');
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
