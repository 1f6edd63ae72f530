/**
 * The course total of a course's gradebook, as each platform totals it by default.
 *
 * Moodle, Natural aggregation (the default): the total's maximum is the sum of the maxima of the
 * course's grade items, manual items included (a tool's AGS line items are manual items), leaving out
 * items whose weight is overridden to 0 (lib/grade/grade_category.php, auto_update_max: "Items with a
 * weight of 0 do not affect the total"); the total grade is the sum of the grades of those items. So
 * an activity of 100 points with three per-competency columns of 100 makes a course total of 400.
 * (Moodle also rescales overridden non-zero weights; the emulator supports only 0, the override a
 * teacher uses to take a column out of the total.)
 *
 * Canvas: the total of the assignments' points. A tool's line item with a resourceLinkId joins the
 * activity's assignment (app/controllers/lti/ims/line_items_controller.rb, `assignment`), so it makes
 * no column and does not change the total.
 */
import { courseLineItems, type Site } from './state.js';

export interface CourseTotal {
  /** The total's maximum: the counted columns' maxima added up. */
  max: number;
  /** Per platform user id: the counted columns' grades added up (a column without a grade adds 0). */
  grades: Record<string, number>;
}

/** The course total as the site's product computes it (see the module comment). */
export function courseTotal(site: Site, courseId: string): CourseTotal {
  const counted = courseLineItems(site, courseId).filter(
    (item) => item.column && item.weightOverride !== 0,
  );
  const ids = new Set(counted.map((item) => item.id));
  const grades: Record<string, number> = {};
  for (const grade of site.grades.values()) {
    if (!ids.has(grade.lineItemId) || grade.score === null) continue;
    grades[grade.userId] = Math.round(((grades[grade.userId] ?? 0) + grade.score) * 100) / 100;
  }
  return { max: counted.reduce((sum, item) => sum + item.scoreMaximum, 0), grades };
}
