/** A visually hidden polite live region: screen readers announce each new message once. */
import { useCallback, useState } from 'react';

export interface Announcement {
  text: string;
  /** Changes with every announcement, so that the same text twice is announced twice. */
  serial: number;
}

/** Holds the latest announcement; `announce` replaces it. */
export function useAnnouncer(): [Announcement | null, (text: string) => void] {
  const [announcement, setAnnouncement] = useState<Announcement | null>(null);
  const announce = useCallback(
    (text: string) =>
      setAnnouncement((previous) => ({ text, serial: (previous?.serial ?? 0) + 1 })),
    [],
  );
  return [announcement, announce];
}

export function LiveRegion({ announcement }: { announcement: Announcement | null }) {
  // The region stays in the document; only its content changes, which is what gets announced.
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {announcement && <span key={announcement.serial}>{announcement.text}</span>}
    </div>
  );
}
