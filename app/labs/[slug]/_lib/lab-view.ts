import type { Lab } from '@/server/content/lab';

/**
 * What the browser gets of a lab: everything to display, nothing to run or to reveal. Verify
 * scripts stay on the server, which runs them itself; hints and solutions stay there until
 * the student asks (each request is recorded), so the page only knows how many there are.
 */
export interface LabView {
  slug: string;
  title: string;
  description: string;
  nodes: string[];
  /** Sessions of this lab end after this many minutes, without extension; null: the usual lifetime. */
  timeLimitMinutes: number | null;
  intro: { title: string | null; html: string };
  finish: { title: string | null; html: string };
  steps: Array<{
    index: number;
    title: string;
    html: string;
    hasCheck: boolean;
    hintCount: number;
    hasSolution: boolean;
    points: number;
  }>;
}

export function toLabView(lab: Lab): LabView {
  return {
    slug: lab.slug,
    title: lab.title,
    description: lab.description,
    nodes: lab.nodes,
    timeLimitMinutes: lab.timeLimitMinutes,
    intro: { title: lab.intro.title, html: lab.intro.html },
    finish: { title: lab.finish.title, html: lab.finish.html },
    steps: lab.steps.map((step) => ({
      index: step.index,
      title: step.title,
      html: step.html,
      hasCheck: step.verifyScript !== null,
      hintCount: step.hints.length,
      hasSolution: step.solution !== null,
      points: step.points,
    })),
  };
}
