/**
 * A case's facilitator guide for a group debrief, as a disclosure under its card in the picker: a
 * button that says whether it is open, and the guide's timed outline, questions and notes.
 */
import { useId, useState } from 'react';
import { Markdown } from '../shared/Markdown.js';
import { plural } from '../shared/format.js';
import type { FacilitatorGuide as Guide } from '../shared/activity/types.js';

export function FacilitatorGuide({ guide, title }: { guide: Guide; title: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="facilitator-guide">
      <button
        type="button"
        className="secondary"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide the facilitator guide' : `Facilitator guide for ${title}`}
      </button>
      {/* Always in the page so aria-controls names an element; hidden until opened. */}
      <section id={id} aria-labelledby={`${id}-heading`} hidden={!open}>
        <h3 id={`${id}-heading`}>
          Facilitator guide for {title}: a group debrief of {plural(guide.minutes, 'minute')}
        </h3>
        <h4>Outline</h4>
        <ol>
          {guide.outline.map((part, i) => (
            <li key={i}>
              <strong>{plural(part.minutes, 'minute')}:</strong>{' '}
              <Markdown text={part.activity} phrasing />
            </li>
          ))}
        </ol>
        <h4>Questions for the group</h4>
        <ol>
          {guide.questions.map((question, i) => (
            <li key={i}>
              <Markdown text={question} phrasing />
            </li>
          ))}
        </ol>
        {guide.notes && (
          <>
            <h4>Notes for the facilitator</h4>
            <Markdown text={guide.notes} />
          </>
        )}
      </section>
    </div>
  );
}
