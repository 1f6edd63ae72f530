/**
 * The case editor's images panel (issue 17): upload an image with its alt text, see the case's
 * images with their alt text and size, copy the YAML that shows one in a step, delete one (asked twice). Steps
 * name images by id; the validator reports a step that names an image the case does not hold.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../shared/api.js';
import { caseImagesApi, type CaseImage, type CaseImageList } from './api.js';
import { formatSize, imageReference } from './format.js';
import { DeleteImage } from './DeleteImage.js';
import { UploadForm } from './UploadForm.js';
import './images.css';

interface Props {
  ltik: string;
  caseId: string;
  canEdit: boolean;
}

export function CaseImages({ ltik, caseId, canEdit }: Props) {
  const api = useMemo(() => caseImagesApi(ltik, caseId), [ltik, caseId]);
  const [list, setList] = useState<CaseImageList | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Where focus goes once a deleted image's buttons are gone, so a keyboard user is not left on the page's body.
  const heading = useRef<HTMLHeadingElement>(null);

  const show = useCallback(
    (e: unknown, fallback: string) => setError(e instanceof ApiError ? e.message : fallback),
    [],
  );
  const reload = useCallback(
    () => api.list().then(setList, (e: unknown) => show(e, 'The images could not be loaded.')),
    [api, show],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  async function copy(image: CaseImage) {
    try {
      await navigator.clipboard.writeText(imageReference(image));
      setStatus(`Copied the reference to “${image.alt}”: paste it into a step, under its title.`);
    } catch {
      // LMS frames often withhold the clipboard: the reference is on the page to select.
      setStatus('Copying is not allowed here: select the reference shown and copy it.');
    }
  }

  async function remove(image: CaseImage) {
    setError(null);
    try {
      await api.remove(image.id);
      // The list drops the image in the same render as the message says so; the reload then brings the totals.
      setList(
        (shown) => shown && { ...shown, images: shown.images.filter((i) => i.id !== image.id) },
      );
      setStatus(`Deleted the image “${image.alt}”.`);
      heading.current?.focus();
      await reload();
    } catch (e) {
      show(e, 'The image could not be deleted.');
    }
  }

  const total = list?.images.reduce((sum, image) => sum + image.size, 0) ?? 0;
  return (
    <section className="panel case-images" aria-labelledby="images-heading">
      <h2 id="images-heading" ref={heading} tabIndex={-1}>
        Images
      </h2>
      {canEdit && list && (
        <UploadForm
          api={api}
          maxImageBytes={list.limits.maxImageBytes}
          onUploaded={(image) =>
            // The message comes with the list that shows the new image, not before it.
            void reload().then(() =>
              setStatus(
                `Uploaded “${image.alt}”. Copy its reference into a step to show it there.`,
              ),
            )
          }
        />
      )}
      <p role="status">{status}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {list === null ? (
        <p>Loading the images…</p>
      ) : list.images.length === 0 ? (
        <p>This case has no images yet.</p>
      ) : (
        <>
          <p className="muted">
            {formatSize(total)} of {formatSize(list.limits.maxCaseBytes)} used.
          </p>
          <ul className="image-list">
            {list.images.map((image) => (
              <li key={image.id}>
                <img src={image.url} alt={image.alt} />
                <div>
                  <p>
                    <strong>Alt text:</strong> {image.alt}
                  </p>
                  <p className="muted">
                    {formatSize(image.size)}, {image.width} × {image.height} pixels
                  </p>
                  <pre aria-label={`Reference to “${image.alt}”`}>
                    <code>{imageReference(image)}</code>
                  </pre>
                  <div className="image-actions">
                    <button type="button" className="secondary" onClick={() => void copy(image)}>
                      Copy reference<span className="visually-hidden"> to “{image.alt}”</span>
                    </button>
                    {canEdit && <DeleteImage image={image} onDelete={remove} />}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
