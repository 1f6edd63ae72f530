/**
 * The form every answerable step shares: the step's controls, what is wrong with the answer (from
 * the page's own checks or from the server), and one submit button that cannot send twice.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { StepResponse } from '../types.js';

export interface StepFormProps {
  /** The response to send, or a sentence saying what is still missing. */
  answer: () => StepResponse | string;
  onSubmit: (response: StepResponse) => void;
  busy: boolean;
  /** The server's reason for refusing the last answer. */
  error: string | null;
  submitLabel?: string;
  children?: ReactNode;
}

export function StepForm({
  answer,
  onSubmit,
  busy,
  error,
  submitLabel = 'Submit answer',
  children,
}: StepFormProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const messageId = useId();
  const message = problem ?? (error && asSentence(error));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const result = answer();
    if (typeof result === 'string') {
      setProblem(result);
      return;
    }
    setProblem(null);
    onSubmit(result);
  };

  return (
    <form onSubmit={submit} noValidate aria-describedby={message ? messageId : undefined}>
      {children}
      {/* Always in the document, so that a new message is announced when it appears. */}
      <div id={messageId} role="alert" className={message ? 'error' : undefined}>
        {message}
      </div>
      {/* aria-disabled rather than disabled: the button keeps keyboard focus while sending. */}
      <button type="submit" className="primary" aria-disabled={busy}>
        {busy ? 'Sending…' : submitLabel}
      </button>
    </form>
  );
}

/** The server's messages start in lower case ("choose at most 3 options"): shown as a sentence. */
function asSentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.?!]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** Props every answerable step's component receives. */
export interface StepInputProps<S> {
  step: S;
  busy: boolean;
  error: string | null;
  onSubmit: (response: StepResponse) => void;
}
