/**
 * Deleting an image, asked twice: a deletion is immediate and cannot be undone, so the first press
 * asks and the second deletes. Focus goes to "Keep" while asking (the safe choice for a stray Enter)
 * and back to "Delete" when the author keeps the image.
 */
import { useEffect, useRef, useState } from 'react';
import type { CaseImage } from './api.js';

interface Props {
  image: CaseImage;
  onDelete: (image: CaseImage) => Promise<void>;
}

export function DeleteImage({ image, onDelete }: Props) {
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (!moved.current) return;
    (asking ? keep : ask).current?.focus();
  }, [asking]);

  const answer = (next: boolean) => {
    moved.current = true;
    setAsking(next);
  };

  if (!asking)
    return (
      <button ref={ask} type="button" className="secondary" onClick={() => answer(true)}>
        Delete<span className="visually-hidden"> “{image.alt}”</span>
      </button>
    );
  const question = `delete-question-${image.id}`;
  return (
    <div className="image-delete" role="group" aria-labelledby={question}>
      <p id={question}>
        Delete “{image.alt}” for good? Steps that show it will name an image the case no longer has.
      </p>
      <button type="button" onClick={() => void onDelete(image)}>
        Delete for good
      </button>
      <button ref={keep} type="button" className="secondary" onClick={() => answer(false)}>
        Keep it
      </button>
    </div>
  );
}
