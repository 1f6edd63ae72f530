import { describe, expect, it } from 'vitest';
import {
  actsForInstitution,
  administersInstitution,
  audienceOf,
} from '../../../server/lti/roles.js';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';

describe('roles', () => {
  it('lets the course role decide the audience, institution roles only without one', () => {
    expect(audienceOf([`${LIS}membership#Instructor`])).toBe('instructor');
    expect(audienceOf([`${LIS}membership#Learner`, `${LIS}institution/person#Faculty`])).toBe(
      'learner',
    );
    expect(audienceOf([`${LIS}institution/person#Faculty`])).toBe('instructor');
    expect(audienceOf([])).toBe('learner');
  });

  it('treats administrators and institution staff as acting for the institution, instructors not', () => {
    expect(actsForInstitution([`${LIS}membership#Administrator`])).toBe(true);
    expect(actsForInstitution([`${LIS}institution/person#Administrator`])).toBe(true);
    expect(actsForInstitution(['urn:lti:sysrole:ims/lis/SysAdmin'])).toBe(true);
    expect(actsForInstitution([`${LIS}membership#Instructor`])).toBe(false);
    expect(actsForInstitution([`${LIS}membership/Instructor#TeachingAssistant`])).toBe(false);
    expect(actsForInstitution([`${LIS}membership#Learner`])).toBe(false);
  });

  it('lets only administrators edit what the whole institution sees, not every Canvas teacher', () => {
    expect(administersInstitution([`${LIS}membership#Administrator`])).toBe(true);
    expect(administersInstitution([`${LIS}institution/person#Administrator`])).toBe(true);
    expect(administersInstitution(['urn:lti:sysrole:ims/lis/SysAdmin'])).toBe(true);
    // Canvas's teacher and teaching assistant both carry institution Instructor.
    const canvasTeacher = [`${LIS}institution/person#Instructor`, `${LIS}membership#Instructor`];
    expect(administersInstitution(canvasTeacher)).toBe(false);
    expect(actsForInstitution(canvasTeacher)).toBe(true);
    expect(administersInstitution([`${LIS}institution/person#Faculty`])).toBe(false);
  });
});
