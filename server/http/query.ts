/**
 * A route's query string, validated like its params and body: a malformed value is a 400
 * whose `validations` name the parameter. A parameter given twice keeps its first value.
 */
import type { z } from 'zod';

export function queryOf<Schema extends z.ZodType>(request: Request, schema: Schema): z.infer<Schema> {
  const values: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) values[key] ??= value;
  return schema.parse(values);
}
