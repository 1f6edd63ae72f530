/** Which patient facts the last answer added or changed, so the panel can say "New" beside them. */
import { useState } from 'react';
import type { AttemptView } from './types.js';

type Fact = AttemptView['facts'][number];

const keyOf = (fact: Fact) => `${fact.label}\n${fact.value}`;

/**
 * The facts not shown (with this value) before the attempt's last change. On first load nothing is
 * new: the student saw those facts in an earlier session.
 */
export function useNewFacts(facts: Fact[], revision: number): Set<string> {
  const [seen, setSeen] = useState({ revision, facts, before: null as Fact[] | null });
  if (seen.revision !== revision) setSeen({ revision, facts, before: seen.facts });
  if (!seen.before) return new Set();
  const before = new Set(seen.before.map(keyOf));
  return new Set(facts.filter((fact) => !before.has(keyOf(fact))).map(keyOf));
}

/** Whether `fact` is among those useNewFacts returned. */
export const isNewFact = (newFacts: Set<string>, fact: Fact) => newFacts.has(keyOf(fact));
