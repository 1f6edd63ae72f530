/**
 * One image of a case step, as the player, the preview and the case picker show it: a figure with
 * the author's alt text and caption. The URL is a signed one the server made for this launch.
 */

/** A step image as the API presents it. */
export interface StepImage {
  src: string;
  alt: string;
  caption: string | null;
}

export function StepFigure({ image }: { image: StepImage }) {
  return (
    <figure className="step-figure">
      <img src={image.src} alt={image.alt} loading="lazy" />
      {image.caption && <figcaption>{image.caption}</figcaption>}
    </figure>
  );
}
