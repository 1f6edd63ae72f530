/**
 * The way to the authoring page (its own bundle): from the instructor page and from the case
 * picker. The ltik travels in the fragment, as a launch passes it, so the page works even where
 * the frame's storage is blocked.
 */
export function AuthoringLink({ ltik }: { ltik: string }) {
  return (
    <a href={`/authoring/#ltik=${encodeURIComponent(ltik)}`}>
      Write or adapt a case for this course
    </a>
  );
}
