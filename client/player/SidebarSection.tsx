/**
 * A section of the attempt's sidebar. Beside the step on wide screens it is always open; above the
 * step on narrow screens it folds behind a disclosure button, so the step stays near the top.
 */
import { useId, useState, type ReactNode } from 'react';
import { useMediaQuery } from './useMediaQuery.js';

/** Matches the layout's breakpoint in player.css, where the sidebar moves beside the step. */
export const WIDE = '(min-width: 48em)';

interface Props {
  /** The section's landmark: progress is navigation, the facts are a plain section. */
  as: 'nav' | 'section';
  className: string;
  heading: string;
  /** The disclosure button's text on narrow screens, e.g. "Patient facts (6)". */
  collapsedLabel: string;
  children: ReactNode;
}

export function SidebarSection({
  as: Element,
  className,
  heading,
  collapsedLabel,
  children,
}: Props) {
  const wide = useMediaQuery(WIDE);
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const contentId = useId();
  return (
    <Element className={`sidebar-section ${className}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="sidebar-heading">
        {wide ? (
          heading
        ) : (
          // A button inside the heading keeps the heading navigable while it toggles the content.
          <button
            type="button"
            className="disclosure"
            aria-expanded={open}
            aria-controls={contentId}
            onClick={() => setOpen(!open)}
          >
            <span className="disclosure-icon" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            {collapsedLabel}
          </button>
        )}
      </h2>
      <div id={contentId} hidden={!wide && !open}>
        {children}
      </div>
    </Element>
  );
}
