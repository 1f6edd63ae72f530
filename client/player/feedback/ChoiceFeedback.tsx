/** Feedback on single-choice and multi-select steps: every option with the reason it is good or not. */
import { Markdown } from '../../shared/Markdown.js';
import { WIDE } from '../SidebarSection.js';
import { useMediaQuery } from '../useMediaQuery.js';
import type { ChoiceFeedback, MultiSelectFeedback, SingleChoiceFeedback } from '../types.js';
import { Tag } from './Tag.js';

function OptionFeedback({ option }: { option: ChoiceFeedback }) {
  return (
    <div className={option.harmful ? 'option-feedback harmful' : 'option-feedback'}>
      <p className="option-text">{option.text}</p>
      {(option.best || option.harmful) && (
        <p className="tags">
          {option.best && <Tag tone="good">Best answer</Tag>}
          {option.harmful && <Tag tone="harm">Could harm the patient</Tag>}
        </p>
      )}
      <Markdown text={option.feedback} />
    </div>
  );
}

export function SingleChoiceDetails({ details }: { details: SingleChoiceFeedback['details'] }) {
  // On a phone the reasons for every other option run to several screens: they fold away there.
  const narrow = !useMediaQuery(WIDE);
  const others = (
    <ul className="plain-list">
      {details.others.map((option) => (
        <li key={option.id}>
          <OptionFeedback option={option} />
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <h3>Your answer</h3>
      <OptionFeedback option={details.chosen} />
      {details.others.length > 0 &&
        (narrow ? (
          <details className="other-options">
            <summary>The other options ({details.others.length})</summary>
            {others}
          </details>
        ) : (
          <>
            <h3>The other options</h3>
            {others}
          </>
        ))}
    </>
  );
}

export function MultiSelectDetails({ details }: { details: MultiSelectFeedback['details'] }) {
  return (
    <>
      <h3>Each option</h3>
      <ul className="plain-list">
        {details.options.map((option) => (
          <li key={option.id}>
            <div className={option.harmful ? 'option-feedback harmful' : 'option-feedback'}>
              <p className="option-text">{option.text}</p>
              <p className="tags">
                <Tag tone="neutral">
                  {option.chosen ? 'You chose this' : 'You did not choose this'}
                </Tag>
                {option.recommended ? (
                  <Tag tone="good">Recommended</Tag>
                ) : (
                  <Tag tone="caution">Not recommended</Tag>
                )}
                {option.harmful && <Tag tone="harm">Could harm the patient</Tag>}
              </p>
              <Markdown text={option.feedback} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
