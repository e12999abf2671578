/**
 * A class's results: its students × its graded assignments (labs and quizzes; lessons are
 * read, not graded), each cell a score and a status. Read by the class dashboard (polled
 * while it is open), the CSV export and the grader API. Only the class's instructor or an
 * admin gets them: ClassService.view decides, and anyone else gets its « not found ».
 */
import type { SignedInUser } from '../auth/caller';
import type { ClassService } from '../classes/class-service';
import type { ManagedClassView, MemberView } from '../classes/class-views';
import { NotFoundError } from '../errors';
import { assignmentStatus, type AssignmentStatus } from './assignment-status';
import type { HistoryQuery } from './lab-history';
import type { ProgressService } from './progress-service';
import type { StuckFlagView, StuckStudentFinder } from './stuck-student-finder';
import type { LabEvidenceView, LabProgressView, QuizEvidenceView, QuizProgressView } from './progress-views';

export interface ResultColumn {
  assignmentId: string;
  kind: 'lab' | 'quiz';
  slug: string;
  title: string;
  dueAt: string | null;
  /** Null once the content left the course: its maximum is unknown. */
  maxScore: number | null;
}

export interface ResultCell {
  score: number;
  status: AssignmentStatus;
  /** Lab steps passed after « Voir la solution ». */
  solutionsRevealed: number;
}

export interface StudentResults {
  userId: string;
  name: string;
  email: string;
  /** In the order of the columns. */
  cells: ResultCell[];
  total: number;
}

export interface ClassResultsView {
  classId: string;
  className: string;
  columns: ResultColumn[];
  students: StudentResults[];
  maxTotal: number;
  generatedAt: string;
}

/** What the dashboard polls: the matrix and, in the same answer, the students who look stuck. */
export interface ClassDashboardView {
  results: ClassResultsView;
  stuck: StuckFlagView[];
}

export interface ClassResultsDeps {
  classes: ClassService;
  progress: ProgressService;
  stuck: Pick<StuckStudentFinder, 'flagsOf'>;
  now?: () => Date;
}

const NOT_A_MEMBER = "Cette personne ne fait pas (ou plus) partie de la classe : rechargez le tableau de bord.";

type Outcomes = Map<string, LabProgressView> | Map<string, QuizProgressView>;

export class ClassResults {
  constructor(private readonly deps: ClassResultsDeps) {}

  async results(actor: SignedInUser, classId: string): Promise<ClassResultsView> {
    return this.resultsOf(await this.managed(actor, classId));
  }

  /** The instructor's dashboard: one poll brings the matrix and the flags, under one access check. */
  async dashboard(actor: SignedInUser, classId: string): Promise<ClassDashboardView> {
    const managed = await this.managed(actor, classId);
    const [results, stuck] = await Promise.all([this.resultsOf(managed), this.deps.stuck.flagsOf(managed)]);
    return { results, stuck };
  }

  /** For the grader API: its token grants this class (checked before). */
  async resultsByToken(grantedClassId: string): Promise<ClassResultsView> {
    return this.resultsOf(await this.deps.classes.managedByToken(grantedClassId));
  }

  async labEvidenceByToken(grantedClassId: string, userId: string, lab: string, page?: HistoryQuery): Promise<LabEvidenceView> {
    return this.evidenceOf(await this.deps.classes.managedByToken(grantedClassId), userId, lab, page);
  }

  /** One student's answers to one quiz of the class. */
  async quizEvidence(actor: SignedInUser, classId: string, userId: string, quiz: string): Promise<QuizEvidenceView> {
    requireMember((await this.managed(actor, classId)).members, userId);
    return this.deps.progress.quizEvidence(userId, quiz);
  }

  async quizEvidenceByToken(grantedClassId: string, userId: string, quiz: string): Promise<QuizEvidenceView> {
    requireMember((await this.deps.classes.managedByToken(grantedClassId)).members, userId);
    return this.deps.progress.quizEvidence(userId, quiz);
  }

  private async resultsOf(managed: ManagedClassView): Promise<ClassResultsView> {
    const now = this.deps.now?.() ?? new Date();
    const userIds = managed.members.map((member) => member.userId);
    const graded = managed.assignments.filter((a): a is typeof a & { kind: 'lab' | 'quiz' } => a.kind === 'lab' || a.kind === 'quiz');
    const outcomes: Outcomes[] = await Promise.all(
      graded.map((a) => (a.kind === 'lab' ? this.deps.progress.labProgressOf(userIds, a.slug) : this.deps.progress.quizProgressOf(userIds, a.slug))),
    );
    const columns = await Promise.all(
      graded.map(async (a): Promise<ResultColumn> => ({
        assignmentId: a.id,
        kind: a.kind,
        slug: a.slug,
        title: a.title,
        dueAt: a.dueAt,
        maxScore: await this.deps.progress.maxScore(a.kind, a.slug),
      })),
    );
    const students = managed.members.map((member) => {
      const cells = columns.map((column, index) => cellOf(outcomes[index]?.get(member.userId), column, now));
      return { userId: member.userId, name: member.name, email: member.email, cells, total: cells.reduce((sum, cell) => sum + cell.score, 0) };
    });
    return {
      classId: managed.id,
      className: managed.name,
      columns,
      students,
      maxTotal: columns.reduce((sum, column) => sum + (column.maxScore ?? 0), 0),
      generatedAt: now.toISOString(),
    };
  }

  /** The drill-down: one student's record on one lab of the class, its history a page at a time. */
  async labEvidence(actor: SignedInUser, classId: string, userId: string, lab: string, page?: HistoryQuery): Promise<LabEvidenceView> {
    return this.evidenceOf(await this.managed(actor, classId), userId, lab, page);
  }

  private async evidenceOf(managed: ManagedClassView, userId: string, lab: string, page?: HistoryQuery): Promise<LabEvidenceView> {
    requireMember(managed.members, userId);
    const evidence = await this.deps.progress.labEvidence(userId, lab, page);
    if (!evidence) throw new NotFoundError(`Le lab « ${lab} » n'est plus dans le cours : son détail n'est plus disponible.`);
    return evidence;
  }

  private async managed(actor: SignedInUser, classId: string): Promise<ManagedClassView> {
    const view = await this.deps.classes.view(actor, classId);
    // A member who asks gets the same answer as a stranger: the class is not theirs to grade.
    if (view.as !== 'manager') throw new NotFoundError("Cette classe n'existe pas, ou vous n'y avez pas accès.");
    return view.managed;
  }
}

function requireMember(members: MemberView[], userId: string): void {
  if (!members.some((member) => member.userId === userId)) throw new NotFoundError(NOT_A_MEMBER);
}

function cellOf(outcome: LabProgressView | QuizProgressView | undefined, column: ResultColumn, now: Date): ResultCell {
  const dueAt = column.dueAt ? new Date(column.dueAt) : null;
  if (!outcome) return { score: 0, status: assignmentStatus({ status: 'not-started', completedAt: null }, dueAt, now), solutionsRevealed: 0 };
  if ('steps' in outcome) {
    const completedAt = outcome.completedAt ? new Date(outcome.completedAt) : null;
    return {
      score: outcome.score,
      status: assignmentStatus({ status: outcome.status, completedAt }, dueAt, now),
      solutionsRevealed: outcome.steps.filter((step) => step.passed && step.solutionRevealed).length,
    };
  }
  // A quiz answered once is done: its best score is what counts.
  return { score: outcome.score, status: assignmentStatus({ status: 'done', completedAt: new Date(outcome.firstAt) }, dueAt, now), solutionsRevealed: 0 };
}
