/**
 * "Download class CSV" and "Download paths CSV". A plain link cannot carry the ltik (it travels in the Authorization header, never
 * in a URL), so the file is fetched as a Blob and offered through an object URL.
 */
import { useEffect, useRef, useState } from 'react';
import type { DashboardApi } from './api.js';
import type { CsvTable } from './types.js';

interface PreparedFile {
  url: string;
  filename: string;
}

const LABELS: Record<CsvTable, string> = {
  class: 'Download class CSV',
  paths: 'Download paths CSV',
  items: 'Download item analysis CSV',
};

export function CsvDownload({ api, table }: { api: Pick<DashboardApi, 'csv'>; table: CsvTable }) {
  const [file, setFile] = useState<PreparedFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  // Object URLs hold the file in memory until revoked.
  useEffect(() => () => void (file && URL.revokeObjectURL(file.url)), [file]);
  // Once the file is ready, the link is followed as if clicked, so one press downloads it.
  useEffect(() => {
    if (file) link.current?.click();
  }, [file]);

  const prepare = () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    api.csv(table).then(
      ({ blob, filename }) => {
        setBusy(false);
        setFile({ url: URL.createObjectURL(blob), filename });
      },
      (failure: unknown) => {
        setBusy(false);
        setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
  };

  return (
    <div className="csv-download">
      <button
        type="button"
        className="secondary"
        aria-disabled={busy || undefined}
        onClick={prepare}
      >
        {busy ? 'Preparing CSV…' : LABELS[table]}
      </button>
      {file && (
        <a ref={link} href={file.url} download={file.filename}>
          Save {file.filename} again
        </a>
      )}
      {error && (
        <p className="error" role="alert">
          The CSV could not be prepared: {error}
        </p>
      )}
    </div>
  );
}
