/**
 * The end of the case: the competency profile, the written answers as marked, the key learning points
 * and further reading. It prints as a record for a portfolio (print.css): the path taken is printed
 * with it, since the sidebar that shows it on screen is not.
 */
import { CompetencyProfile } from '../CompetencyProfile.js';
import { Markdown } from '../../shared/Markdown.js';
import { NewTabLink } from '../../shared/NewTabLink.js';
import type {
  DebriefStep,
  FurtherReading,
  PathEntry,
  ResultView,
  WrittenAnswer,
} from '../types.js';
import { WrittenWork } from '../WrittenWork.js';

interface Props {
  step: DebriefStep;
  result: ResultView | null;
  writtenWork: WrittenAnswer[];
  path: PathEntry[];
}

export function DebriefView({ step, result, writtenWork, path }: Props) {
  return (
    <>
      <p className="print-action">
        {/* Prints this frame only: the LMS page around it stays out of the record. */}
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </p>
      {result && <CompetencyProfile result={result} />}
      <section className="print-only" aria-labelledby="path-taken">
        <h3 id="path-taken">Your path</h3>
        <ol>
          {path.map((entry, index) => (
            <li key={`${entry.id}:${index}`}>{entry.title}</li>
          ))}
        </ol>
      </section>
      <WrittenWork answers={writtenWork} />
      {step.body && (
        <section aria-labelledby="learning-points">
          <h3 id="learning-points">Key learning points</h3>
          <Markdown text={step.body} />
        </section>
      )}
      {step.furtherReading.length > 0 && (
        <section aria-labelledby="further-reading">
          <h3 id="further-reading">Further reading</h3>
          <ul className="reading-list">
            {step.furtherReading.map((reading) => (
              <ReadingItem key={reading.id} reading={reading} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function ReadingItem({ reading }: { reading: FurtherReading }) {
  return (
    <li>
      {reading.citation}
      {reading.doi && (
        <>
          {' '}
          <NewTabLink href={`https://doi.org/${reading.doi}`}>doi:{reading.doi}</NewTabLink>
        </>
      )}
      {reading.url && !reading.doi && (
        <>
          {' '}
          <NewTabLink href={reading.url}>Read at {hostOf(reading.url)}</NewTabLink>
        </>
      )}
    </li>
  );
}

/** "www.gov.uk": names the link's destination, so that each link in the list reads differently. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
