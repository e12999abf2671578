// A class as the e2e stories need it: an instructor (own browser) creates it and gives it
// content, a student (own browser) joins with the invitation link. Both stay signed in.
import { expect, type Browser, type Page } from '@playwright/test';
import { giveRole, signUpStudent, type Account } from './accounts';

export interface Classroom {
  instructor: Page;
  student: Page;
  teacher: Account;
  pupil: Account;
  /** Closes both browsers. */
  close(): Promise<void>;
}

export interface ClassroomOptions {
  name: string;
  teacherName: string;
  studentName: string;
  /** Assignment values of the « Contenu » list, e.g. `lab/premiers-pas`, `quiz/avant-le-cloud`. */
  assign: string[];
}

export async function openClassroom(browser: Browser, options: ClassroomOptions): Promise<Classroom> {
  const instructorContext = await browser.newContext();
  const instructor = await instructorContext.newPage();
  const teacher = await signUpStudent(instructor, options.teacherName);
  await giveRole(browser, teacher.email, 'Enseignant');
  await instructor.goto('/classes');
  await instructor.getByLabel('Nom de la nouvelle classe').fill(options.name);
  await instructor.getByRole('button', { name: 'Créer la classe' }).click();
  await expect(instructor.getByRole('heading', { level: 1 })).toHaveText(options.name);
  for (const value of options.assign) {
    await instructor.getByLabel('Contenu').selectOption(value);
    await instructor.getByRole('button', { name: 'Donner à la classe' }).click();
    await expect(instructor.getByTestId('assignments').getByRole('row')).toHaveCount(options.assign.indexOf(value) + 2);
  }
  const link = await instructor.getByLabel('Lien d’invitation').inputValue();

  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  const pupil = await signUpStudent(student, options.studentName);
  await student.goto(link);
  await student.getByRole('button', { name: 'Rejoindre la classe' }).click();
  await expect(student.getByRole('heading', { level: 1 })).toHaveText(options.name);

  return {
    instructor,
    student,
    teacher,
    pupil,
    async close() {
      await studentContext.close();
      await instructorContext.close();
    },
  };
}
