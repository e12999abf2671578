/** The quiz section's id: the table of contents links to it (kept out of the client component, whose exports reach server components only as references). */
export const QUIZ_ANCHOR = 'quiz';
