/**
 * Tabs in the WAI-ARIA Authoring Practices pattern: one tab stop (roving tabindex), Left/Right
 * arrows move between tabs and select them (the panels are already rendered, so selection is
 * instant), Home and End go to the first and last. Every panel stays mounted and hidden when not
 * selected: a half-marked answer or a loaded table survives a look at another tab.
 */
import { createContext, useContext, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** Whether the panel around a component is the one shown (true outside any tabs). */
const PanelShown = createContext(true);

/** True while the caller's tab panel is shown: page-wide keys must not act on a hidden panel. */
export function usePanelShown(): boolean {
  return useContext(PanelShown);
}

/** One tab: its id (also its URL fragment), its label, an optional count, and its panel. */
export interface TabSpec {
  id: string;
  label: string;
  /** A number shown beside the label, with the words a screen reader says after it. */
  count?: { value: number; words: string } | null;
  panel: ReactNode;
}

interface Props {
  /** What the tab list is, e.g. "Activity". */
  label: string;
  tabs: readonly TabSpec[];
  /** null while the page decides which tab to open: no panel shows. */
  selected: string | null;
  onSelect: (id: string) => void;
}

export function Tabs({ label, tabs, selected, onSelect }: Props) {
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const current = Math.max(
    0,
    tabs.findIndex((tab) => tab.id === selected),
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const last = tabs.length - 1;
    const target = {
      ArrowRight: current === last ? 0 : current + 1,
      ArrowLeft: current === 0 ? last : current - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const tab = tabs[target]!;
    onSelect(tab.id);
    buttons.current.get(tab.id)?.focus();
  };

  return (
    <>
      <div role="tablist" aria-label={label} className="tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab, index) => {
          const isSelected = tab.id === selected;
          return (
            <button
              key={tab.id}
              ref={(button) => {
                if (button) buttons.current.set(tab.id, button);
                else buttons.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`tab-${tab.id}`}
              aria-selected={isSelected}
              aria-controls={`panel-${tab.id}`}
              tabIndex={index === current ? 0 : -1}
              className="tab"
              onClick={() => onSelect(tab.id)}
            >
              {tab.label}
              {tab.count ? (
                <>
                  {' '}
                  <span className="tab-count">
                    {tab.count.value}
                    <span className="visually-hidden"> {tab.count.words}</span>
                  </span>
                </>
              ) : null}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`panel-${tab.id}`}
          aria-labelledby={`tab-${tab.id}`}
          hidden={tab.id !== selected}
          // Focusable so that Tab from the tab list reaches the panel even when it starts with text.
          tabIndex={0}
          className="tab-panel"
        >
          <PanelShown.Provider value={tab.id === selected}>{tab.panel}</PanelShown.Provider>
        </div>
      ))}
    </>
  );
}
