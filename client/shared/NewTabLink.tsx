/** A link that opens in a new tab and says so: inside an LMS frame, navigating the frame would lose the student's place. */
import type { ComponentProps } from 'react';

export function NewTabLink({ children, ...props }: Omit<ComponentProps<'a'>, 'target' | 'rel'>) {
  return (
    <a {...props} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
