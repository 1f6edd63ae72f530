/**
 * The YAML source editor: CodeMirror 6 with YAML highlighting and the validator's problems shown at
 * their lines. Loaded lazily, so only someone who opens a case's source downloads it. Tab is left
 * to move focus (CodeMirror does not trap it unless asked), so the page stays usable by keyboard.
 * It lives in a shadow root: there CodeMirror's styles are adopted style sheets, which the pages'
 * CSP (style-src 'self', no inline <style>) allows, where its <style> elements would be refused.
 */
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorView, basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import type { Problem } from './types.js';

export interface EditorHandle {
  /** Moves the cursor to the start of the line and focuses the editor. */
  goToLine(line: number): void;
}

interface Props {
  value: string;
  onChange: (text: string) => void;
  problems: readonly Problem[];
  /** Receives the editor once it exists, and null once it is gone (the author left the source view). */
  onReady: (handle: EditorHandle | null) => void;
}

/** Fills the host's box; a visible focus ring for keyboard users. */
const THEME = EditorView.theme({
  '&': { minHeight: '20rem', fontSize: '0.9rem' },
  '&.cm-focused': { outline: '3px solid #1a5fb4', outlineOffset: '-3px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
});

function diagnostics(view: EditorView, problems: readonly Problem[]): Diagnostic[] {
  const { doc } = view.state;
  return problems.flatMap((p) => {
    if (p.line === null || p.line < 1 || p.line > doc.lines) return [];
    const line = doc.line(p.line);
    return [{ from: line.from, to: line.to, severity: p.severity, message: p.message }];
  });
}

export default function CodeEditor({ value, onChange, problems, onReady }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);
  /**
   * Texts this editor reported since the page last caught up with it. A render can arrive with one
   * of them after the author has typed on (React renders later than keys arrive, more so on a busy
   * machine): that value is stale, not a change from outside, and must not overwrite the newer text.
   */
  const reported = useRef(new Set<string>());

  useEffect(() => {
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const editor = new EditorView({
      doc: value,
      parent: shadow,
      root: shadow,
      extensions: [
        basicSetup,
        THEME,
        yaml(),
        lintGutter(),
        EditorView.lineWrapping,
        // A label, not aria-describedby: ids in the page do not reach into the shadow root.
        EditorView.contentAttributes.of({ 'aria-label': 'Case source (YAML)' }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          const text = update.state.doc.toString();
          reported.current.add(text);
          changed.current(text);
        }),
      ],
    });
    view.current = editor;
    onReady({
      goToLine(line) {
        const target = editor.state.doc.line(Math.min(Math.max(line, 1), editor.state.doc.lines));
        editor.dispatch({ selection: { anchor: target.from }, scrollIntoView: true });
        editor.focus();
      },
    });
    return () => {
      onReady(null);
      editor.destroy();
    };
    // Created once; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A change from outside (a save returns the text with the library's id and version; the forms
  // rewrite it) replaces the text; an echo of the author's own earlier typing does not.
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    if (editor.state.doc.toString() === value) {
      reported.current.clear();
      return;
    }
    if (reported.current.has(value)) return;
    reported.current.clear();
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (editor) editor.dispatch(setDiagnostics(editor.state, diagnostics(editor, problems)));
  }, [problems]);

  return <div ref={host} className="code-editor" />;
}
