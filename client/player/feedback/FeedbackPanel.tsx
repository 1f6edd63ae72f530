/** Feedback on the answer just given, with the reasons, then the way on to the next step. */
import { useFocusOnMount } from '../useFocusOnMount.js';
import type { FeedbackView } from '../types.js';
import { MultiSelectDetails, SingleChoiceDetails } from './ChoiceFeedback.js';
import { EarnedPoints } from './EarnedPoints.js';
import { FreeTextDetails, ScreeningDetails } from './InterviewFeedback.js';
import { MatchingDetails, RankingDetails } from './OrderFeedback.js';

interface Props {
  feedback: FeedbackView;
  onContinue: () => void;
  /** Feedback on an earlier step, opened again from "Your path": read-only, and back to the step. */
  review?: boolean;
}

export function FeedbackPanel({ feedback, onContinue, review = false }: Props) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="step feedback" aria-labelledby="feedback-heading">
      <p className="step-kind">{review ? 'Feedback on an earlier step' : 'Feedback'}</p>
      <h2 id="feedback-heading" tabIndex={-1} ref={headingRef}>
        {feedback.title}
      </h2>
      <EarnedPoints earned={feedback.earned} />
      <FeedbackDetails feedback={feedback} />
      <button type="button" className="primary" onClick={onContinue}>
        {review ? 'Back to where you are' : 'Continue'}
      </button>
    </section>
  );
}

function FeedbackDetails({ feedback }: { feedback: FeedbackView }) {
  switch (feedback.kind) {
    case 'single-choice':
      return <SingleChoiceDetails details={feedback.details} />;
    case 'multi-select':
      return <MultiSelectDetails details={feedback.details} />;
    case 'ranking':
      return <RankingDetails details={feedback.details} />;
    case 'matching':
      return <MatchingDetails details={feedback.details} />;
    case 'screening':
      return <ScreeningDetails details={feedback.details} />;
    case 'free-text':
      return <FreeTextDetails details={feedback.details} />;
  }
}
