/** What the case is about, before the student starts: summary, length, objectives and warnings. */
import type { Ref } from 'react';
import { Markdown } from '../shared/Markdown.js';
import type { CaseSummary } from './types.js';

interface Props {
  caseSummary: CaseSummary;
  /** The heading takes focus when the student returns from an attempt. */
  headingRef: Ref<HTMLHeadingElement>;
}

export function CaseOverview({ caseSummary, headingRef }: Props) {
  return (
    <>
      <h2 id="case-title" tabIndex={-1} ref={headingRef}>
        {caseSummary.title}
      </h2>
      <p className="meta">
        <span>About {caseSummary.estimatedMinutes} minutes</span>
        <span>For {caseSummary.audience}</span>
      </p>
      <Markdown text={caseSummary.summary} />
      {caseSummary.contentWarnings.length > 0 && (
        <ContentWarnings warnings={caseSummary.contentWarnings} />
      )}
    </>
  );
}

function ContentWarnings({ warnings }: { warnings: string[] }) {
  return (
    <section className="panel notice" aria-labelledby="content-warnings">
      <h3 id="content-warnings">Content warning</h3>
      <p>This case includes material some people may find distressing:</p>
      <ul>
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
      <p>You can stop at any point and come back later: your place is kept.</p>
    </section>
  );
}

/** The learning objectives and the competencies the case assesses. */
export function CaseObjectives({ caseSummary }: { caseSummary: CaseSummary }) {
  return (
    <>
      <section aria-labelledby="objectives">
        <h3 id="objectives">What you will learn</h3>
        <ul>
          {caseSummary.learningObjectives.map((objective) => (
            <li key={objective}>{objective}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="competencies">
        <h3 id="competencies">Competencies assessed</h3>
        <ul>
          {caseSummary.competencies.map((competency) => (
            <li key={competency.id}>
              {competency.title} <span className="muted">({competency.id})</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
