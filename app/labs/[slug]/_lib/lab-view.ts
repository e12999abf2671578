import type { Lab } from '@/server/content/lab';

/**
 * What the browser gets of a lab: everything to display, nothing to run. Verify scripts stay
 * on the server, which runs them itself; the page only needs to know a step has a check.
 */
export interface LabView {
  slug: string;
  title: string;
  description: string;
  nodes: string[];
  introHtml: string;
  finishHtml: string;
  steps: Array<{ index: number; title: string; html: string; hasCheck: boolean }>;
}

export function toLabView(lab: Lab): LabView {
  return {
    slug: lab.slug,
    title: lab.title,
    description: lab.description,
    nodes: lab.nodes,
    introHtml: lab.intro.html,
    finishHtml: lab.finish.html,
    steps: lab.steps.map((step) => ({
      index: step.index,
      title: step.title,
      html: step.html,
      hasCheck: step.verifyScript !== null,
    })),
  };
}
