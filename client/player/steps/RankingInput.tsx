/** Put items in priority order with Move up / Move down buttons; each move is announced. */
import { useEffect, useId, useRef, useState } from 'react';
import { LiveRegion, useAnnouncer } from '../../shared/LiveRegion.js';
import { Markdown } from '../../shared/Markdown.js';
import type { RankingStep, TextItem } from '../types.js';
import { StepForm, type StepInputProps } from './StepForm.js';

type Direction = 'up' | 'down';

/** A copy of `items` with the item at `index` moved one place. */
function moved(items: TextItem[], index: number, direction: Direction): TextItem[] {
  const target = direction === 'up' ? index - 1 : index + 1;
  const next = [...items];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

export function RankingInput({ step, busy, error, onSubmit }: StepInputProps<RankingStep>) {
  const [order, setOrder] = useState(step.items);
  const [announcement, announce] = useAnnouncer();
  const hintId = useId();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // The button to focus once the list has re-rendered in its new order.
  const [focusAfterMove, setFocusAfterMove] = useState<{ id: string; direction: Direction } | null>(
    null,
  );

  useEffect(() => {
    if (!focusAfterMove) return;
    const { id, direction } = focusAfterMove;
    const index = order.findIndex((item) => item.id === id);
    // At the top (or bottom) the same button is disabled; the other one keeps focus on the item.
    const atEdge = direction === 'up' ? index === 0 : index === order.length - 1;
    const keep = atEdge ? (direction === 'up' ? 'down' : 'up') : direction;
    buttons.current.get(`${id}:${keep}`)?.focus();
  }, [order, focusAfterMove]);

  const move = (index: number, direction: Direction) => {
    const next = moved(order, index, direction);
    const item = order[index]!;
    const position = direction === 'up' ? index : index + 2;
    setOrder(next);
    setFocusAfterMove({ id: item.id, direction });
    announce(`${item.text}: moved to position ${position} of ${order.length}.`);
  };

  const register = (key: string) => (element: HTMLButtonElement | null) => {
    if (element) buttons.current.set(key, element);
    else buttons.current.delete(key);
  };

  return (
    <StepForm
      answer={() => ({ kind: 'ranking', order: order.map((item) => item.id) })}
      onSubmit={onSubmit}
      busy={busy}
      error={error}
    >
      <fieldset className="ranking" aria-describedby={hintId}>
        <legend>
          <Markdown text={step.prompt} phrasing />
        </legend>
        <p className="hint" id={hintId}>
          Highest priority first. Use Move up and Move down to change the order.
        </p>
        <ol className="ranking-list">
          {order.map((item, index) => (
            <li key={item.id} className="ranking-item">
              <span className="ranking-position" aria-hidden="true">
                {index + 1}
              </span>
              <span className="ranking-text">{item.text}</span>
              <span className="ranking-buttons">
                <button
                  type="button"
                  className="secondary"
                  ref={register(`${item.id}:up`)}
                  disabled={index === 0}
                  aria-label={`Move up: ${item.text}`}
                  onClick={() => move(index, 'up')}
                >
                  Move up
                </button>
                <button
                  type="button"
                  className="secondary"
                  ref={register(`${item.id}:down`)}
                  disabled={index === order.length - 1}
                  aria-label={`Move down: ${item.text}`}
                  onClick={() => move(index, 'down')}
                >
                  Move down
                </button>
              </span>
            </li>
          ))}
        </ol>
      </fieldset>
      <LiveRegion announcement={announcement} />
    </StepForm>
  );
}
