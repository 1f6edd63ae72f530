/** What the student has learnt about the patient so far. */
import { SidebarSection } from './SidebarSection.js';

interface Props {
  facts: Array<{ label: string; value: string }>;
}

export function FactsPanel({ facts }: Props) {
  return (
    <SidebarSection
      as="section"
      className="facts"
      heading="Patient facts"
      collapsedLabel={`Patient facts (${facts.length})`}
    >
      {facts.length === 0 ? (
        <p className="muted">Facts appear here as you learn them.</p>
      ) : (
        <dl>
          {facts.map((fact, index) => (
            // Facts only ever accumulate, so a position is a stable key.
            <div key={index}>
              <dt>{fact.label}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </SidebarSection>
  );
}
