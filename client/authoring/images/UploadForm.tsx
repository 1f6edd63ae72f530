/**
 * Uploading an image to the case: the file and its alt text, both required. The alt text is what a
 * screen reader says instead of the picture, so the form will not send a file without it.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api.js';
import type { CaseImage, CaseImagesApi } from './api.js';
import { formatSize } from './format.js';

/** As the server's limit (MAX_ALT_LENGTH): longer descriptions belong in the step's text. */
const MAX_ALT_LENGTH = 300;

interface Props {
  api: CaseImagesApi;
  maxImageBytes: number;
  onUploaded: (image: CaseImage) => void;
}

export function UploadForm({ api, maxImageBytes, onUploaded }: Props) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const altRef = useRef<HTMLTextAreaElement>(null);
  const [alt, setAlt] = useState('');
  const [problem, setProblem] = useState<{ field: 'file' | 'alt' | 'server'; message: string }>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const file = fileRef.current?.files?.[0];
    if (!file) {
      setProblem({ field: 'file', message: 'Choose a PNG, JPEG or WebP file to upload.' });
      fileRef.current?.focus();
      return;
    }
    if (!alt.trim()) {
      setProblem({
        field: 'alt',
        message:
          'Write the alt text first: say what the image shows that matters for the case, for students who cannot see it.',
      });
      altRef.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const { image } = await api.upload(file, alt.trim());
      setAlt('');
      if (fileRef.current) fileRef.current.value = '';
      onUploaded(image);
    } catch (e) {
      setProblem({
        field: 'server',
        message: e instanceof ApiError ? e.message : 'The image could not be uploaded.',
      });
    } finally {
      setBusy(false);
    }
  }

  const errorId = `${id}-error`;
  const invalid = (field: 'file' | 'alt') => (problem?.field === field ? true : undefined);
  return (
    <form className="image-upload" onSubmit={submit} noValidate aria-describedby={`${id}-rules`}>
      <p id={`${id}-rules`} className="muted">
        PNG, JPEG or WebP (no SVG), at most {formatSize(maxImageBytes)} each. Describe in the alt
        text what a student needs from the picture; do not repeat the caption or start with “Image
        of”.
      </p>
      <p>
        <label htmlFor={`${id}-file`}>Image file</label>
        <input
          id={`${id}-file`}
          ref={fileRef}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          aria-invalid={invalid('file')}
          aria-describedby={invalid('file') && errorId}
        />
      </p>
      <p>
        <label htmlFor={`${id}-alt`}>Alt text (required)</label>
        <textarea
          id={`${id}-alt`}
          ref={altRef}
          rows={2}
          maxLength={MAX_ALT_LENGTH}
          value={alt}
          required
          aria-invalid={invalid('alt')}
          aria-describedby={invalid('alt') && errorId}
          onChange={(e) => setAlt(e.target.value)}
        />
      </p>
      {problem && (
        <p id={errorId} role="alert" className="error">
          {problem.message}
        </p>
      )}
      <button type="submit" className="primary" aria-disabled={busy}>
        {busy ? 'Uploading…' : 'Upload image'}
      </button>
    </form>
  );
}
