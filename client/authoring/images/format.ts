/** Sizes and the YAML an author pastes into a step, for the case images panel. */

/** 1536 -> "2 kB"; megabytes with one decimal. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} kB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * The lines to paste under a step to show the image there. The alt text is written as a JSON
 * string, which YAML reads as a double-quoted string whatever characters it holds.
 */
export function imageReference(image: { id: string; alt: string }): string {
  return `images:\n  - id: ${image.id}\n    alt: ${JSON.stringify(image.alt)}\n`;
}
