/**
 * One row per student on the roster: the status of the attempt that counts, where a new attempt
 * stands beside it, time spent, attempts and whether their grade reached the gradebook. Scrolls sideways inside its own box on a phone.
 */
import { ScrollTable } from '../ScrollTable.js';
import {
  percentText,
  STATUS_WORDS,
  studentName,
  SYNC_WORDS,
  timeText,
  whereText,
} from './describe.js';
import type { DashboardStudent } from './types.js';

export function StudentsTable({ students }: { students: DashboardStudent[] }) {
  if (students.length === 0) {
    return <p>No students yet: students appear here once the class list arrives or they start.</p>;
  }
  return (
    <ScrollTable
      captionId="class-students-caption"
      caption="Students and their progress"
      className="dashboard-table"
    >
      <thead>
        <tr>
          <th scope="col" className="student">
            Student
          </th>
          <th scope="col">Status</th>
          <th scope="col">Where</th>
          <th scope="col">Time spent</th>
          <th scope="col">Attempts</th>
          <th scope="col">Overall</th>
          <th scope="col">Grade sync</th>
        </tr>
      </thead>
      <tbody>
        {students.map((student) => (
          <tr key={student.id}>
            <th scope="row" className="student">
              {studentName(student)}
            </th>
            <td>
              {STATUS_WORDS[student.status]}
              {student.gradedAttempt !== null &&
                student.attempts > 1 &&
                ` (attempt ${student.gradedAttempt} counts)`}
              {student.late && ' (late)'}
            </td>
            <td>{whereText(student)}</td>
            <td className="number">{timeText(student.timeSpentMinutes)}</td>
            <td className="number">{student.attempts}</td>
            <td className="number">{percentText(student.percent)}</td>
            <td>{SYNC_WORDS[student.gradeSync]}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
