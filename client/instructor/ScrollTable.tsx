/** A table that scrolls sideways inside its own box on a phone, never the page. */
import type { ReactNode } from 'react';

interface Props {
  /** The caption's id, which names the scrolling box. */
  captionId: string;
  caption: ReactNode;
  className: string;
  /** The table's head, body and foot. */
  children: ReactNode;
}

/** A captioned table in a scrolling box named by its caption. */
export function ScrollTable({ captionId, caption, className, children }: Props) {
  return (
    // Focusable and named, so keyboard users can scroll it and screen readers can find it.
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={className}>
        <caption id={captionId}>
          <span className="caption-text">{caption}</span>
        </caption>
        {children}
      </table>
    </div>
  );
}
