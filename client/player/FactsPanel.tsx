/** What the student has learnt about the patient so far, with what the last answer added marked "New". */
import { SidebarSection } from './SidebarSection.js';
import { isNewFact } from './useNewFacts.js';

interface Props {
  facts: Array<{ label: string; value: string }>;
  /** From useNewFacts: the facts the last answer added or changed. */
  newFacts: Set<string>;
}

export function FactsPanel({ facts, newFacts }: Props) {
  const added = facts.filter((fact) => isNewFact(newFacts, fact)).length;
  return (
    <SidebarSection
      as="section"
      className="facts"
      heading="Patient facts"
      collapsedLabel={`Patient facts (${facts.length}${added ? `, ${added} new` : ''})`}
    >
      {facts.length === 0 ? (
        <p className="muted">Facts appear here as you learn them.</p>
      ) : (
        <dl>
          {facts.map((fact, index) => (
            // Facts only ever accumulate, so a position is a stable key.
            <div key={index} className={isNewFact(newFacts, fact) ? 'fact-new' : undefined}>
              <dt>
                {fact.label}
                {/* In words, not only a colour: "New" is read out and printed. */}
                {isNewFact(newFacts, fact) && <span className="tag tag-new">New</span>}
              </dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </SidebarSection>
  );
}
