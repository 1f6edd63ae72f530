/** A short label in words (with a symbol and colour as extras): "Best answer", "Could cause harm". */
import type { ReactNode } from 'react';

export type TagTone = 'good' | 'harm' | 'caution' | 'neutral';

const SYMBOLS: Record<TagTone, string> = { good: '✓', harm: '⚠', caution: '!', neutral: '•' };

export function Tag({ tone, children }: { tone: TagTone; children: ReactNode }) {
  return (
    <span className={`tag tag-${tone}`}>
      <span aria-hidden="true">{SYMBOLS[tone]} </span>
      {children}
    </span>
  );
}
