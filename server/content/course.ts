import path from 'node:path';
import { z } from 'zod';
import { resolveContentRoot, slugSchema, type ContentOptions } from './content-paths';
import { readJsonContent } from './read-content-file';

const chapterSchema = z.strictObject({
  slug: slugSchema,
  title: z.string().min(1),
  summary: z.string().min(1),
  lesson: slugSchema.optional(),
  lab: slugSchema.optional(),
});

const courseSchema = z
  .strictObject({
    title: z.string().min(1),
    description: z.string().min(1),
    chapters: z.array(chapterSchema).min(1),
    /** A pack's instructors (their Dockyard accounts' e-mails): they see its labs' health and are told when one breaks. */
    maintainers: z.array(z.email()).optional(),
  })
  .superRefine((course, context) => {
    const seen = new Set<string>();
    for (const [index, chapter] of course.chapters.entries()) {
      if (seen.has(chapter.slug)) {
        context.addIssue({ code: 'custom', path: ['chapters', index, 'slug'], message: `slug « ${chapter.slug} » en double` });
      }
      seen.add(chapter.slug);
    }
  });

export interface Chapter {
  /** 1-based position in the course, as shown to students. */
  number: number;
  slug: string;
  title: string;
  summary: string;
  lesson: string | null;
  lab: string | null;
}

export interface Course {
  title: string;
  description: string;
  chapters: Chapter[];
  maintainers: string[];
}

export async function loadCourse(options: ContentOptions = {}): Promise<Course> {
  const file = path.join(resolveContentRoot(options), 'course.json');
  const course = await readJsonContent(file, courseSchema);
  return {
    title: course.title,
    description: course.description,
    maintainers: course.maintainers ?? [],
    chapters: course.chapters.map((chapter, index) => ({
      number: index + 1,
      slug: chapter.slug,
      title: chapter.title,
      summary: chapter.summary,
      lesson: chapter.lesson ?? null,
      lab: chapter.lab ?? null,
    })),
  };
}
