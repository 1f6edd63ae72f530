/** What to keep in mind while writing a case, next to the editor. */
export function Guidance() {
  return (
    <details className="panel guidance">
      <summary>How to write a case</summary>
      <ul>
        <li>The library sets the case's id and version; you edit everything else.</li>
        <li>Errors stop a case from being published; warnings say what it still needs.</li>
        <li>
          Every option needs feedback that says why it is better or worse, and scores for the
          competencies it evidences.
        </li>
        <li>At least one choice changes what happens next; a harmful choice has consequences.</li>
        <li>
          At least one free-text task with a rubric, and a debrief that points to further reading.
        </li>
        <li>Person-first, non-stigmatising language; no stereotypes used as clues.</li>
        <li>Real, checkable references with a DOI or URL; check every fact you add.</li>
      </ul>
    </details>
  );
}
