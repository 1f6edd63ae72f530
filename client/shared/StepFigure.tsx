/**
 * One image of a case step, as the player, the preview and the case picker show it: a figure with
 * the author's alt text and caption. The URL is a signed one the server made for this launch; the
 * stored width and height keep the image's space while it loads, so nothing below it moves.
 */
import type { StepImage } from '../../server/api/contract.js';

export function StepFigure({ image }: { image: StepImage }) {
  return (
    <figure className="step-figure">
      <img
        src={image.src}
        alt={image.alt}
        width={image.width ?? undefined}
        height={image.height ?? undefined}
        loading="lazy"
      />
      {image.caption && <figcaption>{image.caption}</figcaption>}
    </figure>
  );
}
