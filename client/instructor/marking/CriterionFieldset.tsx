/**
 * One rubric criterion as a radio group: one radio per level. The label is short (level and points)
 * and the descriptor is its description, so a screen reader says the choice first, then the detail.
 * The level's example answer follows, in the reading order but not in the radio's description,
 * which stays short enough to hear on every arrow key.
 */
import { plural } from '../../shared/format.js';
import { CaseText } from './CaseText.js';
import type { MarkerRubricCriterion } from './types.js';

interface Props {
  criterion: MarkerRubricCriterion;
  value: string | undefined;
  onChange: (level: string) => void;
}

export function CriterionFieldset({ criterion, value, onChange }: Props) {
  const name = `criterion-${criterion.id}`;
  return (
    <fieldset className="criterion">
      <legend>
        {criterion.title} <span className="competency">({criterion.competency.title})</span>
      </legend>
      {criterion.levels.map((level) => {
        const id = `${name}-${level.level}`;
        return (
          <div key={level.level} className="level">
            <input
              type="radio"
              id={id}
              name={name}
              value={level.level}
              checked={value === level.level}
              onChange={() => onChange(level.level)}
              aria-describedby={`${id}-descriptor`}
            />
            <div>
              <label htmlFor={id}>
                <strong>{level.label}</strong> ({plural(level.points, 'point')})
              </label>
              <p id={`${id}-descriptor`} className="descriptor">
                {level.descriptor}
              </p>
              {level.example && (
                <div className="level-example">
                  <span className="level-example-label">Example at this level:</span>
                  <CaseText text={level.example} />
                </div>
              )}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
