/** The source view: the draft's YAML in the code editor, with the validator's problems at their lines. */
import { lazy, Suspense } from 'react';
import type { EditorHandle } from './CodeEditor.js';
import type { Problem } from './types.js';

const CodeEditor = lazy(() => import('./CodeEditor.js'));

interface Props {
  source: string;
  onChange: (text: string) => void;
  problems: readonly Problem[];
  /** Receives the editor once it has loaded, to move to a problem's line, and null once it is gone. */
  onReady: (handle: EditorHandle | null) => void;
}

export function SourceEditor({ source, onChange, problems, onReady }: Props) {
  return (
    <>
      <p className="muted">
        The case in YAML, the format of Upstream's case files. It is checked as you type; each
        problem below leads to its line.
      </p>
      <Suspense fallback={<p role="status">Loading the editor…</p>}>
        <CodeEditor value={source} onChange={onChange} problems={problems} onReady={onReady} />
      </Suspense>
    </>
  );
}
