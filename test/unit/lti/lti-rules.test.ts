// The small LTI rules a user notices: who counts as a teacher in a course, how long a refused
// score waits before its next try, where a line item's scores go.
import { describe, expect, it } from 'vitest';
import { teachesIn } from '@/server/lti/lti-claims';
import { retryDelayMs, scoresUrl } from '@/server/lti/score-outbox';

const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership';

describe('teachesIn', () => {
  it('counts instructors, course admins, content developers and teaching assistants as teachers', () => {
    for (const role of [`${MEMBERSHIP}#Instructor`, `${MEMBERSHIP}#Administrator`, `${MEMBERSHIP}#ContentDeveloper`, `${MEMBERSHIP}/Instructor#TeachingAssistant`, 'Instructor']) {
      expect(teachesIn([role])).toBe(true);
    }
  });

  it('makes learners, mentors and a teacher elsewhere in the institution students of this course', () => {
    expect(teachesIn([`${MEMBERSHIP}#Learner`])).toBe(false);
    expect(teachesIn([`${MEMBERSHIP}#Mentor`])).toBe(false);
    expect(teachesIn(['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor', `${MEMBERSHIP}#Learner`])).toBe(false);
  });
});

describe('score retries', () => {
  it('waits 30 s, then twice as long each time, never more than an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(40)).toBe(3_600_000);
  });

  it('posts to the line item’s /scores, keeping its query', () => {
    expect(scoresUrl('https://lms.example/api/lti/courses/1/line_items/7?type_id=3')).toBe('https://lms.example/api/lti/courses/1/line_items/7/scores?type_id=3');
    expect(scoresUrl('https://lms.example/lineitems/7/')).toBe('https://lms.example/lineitems/7/scores');
  });
});
