/** The case editor's calls to a case's images (/api/library/cases/:id/images). */
import type { CaseImage, CaseImageList, CaseImageUploaded } from '../../../server/api/contract.js';
import { apiRequest } from '../../shared/api.js';

export type { CaseImage, CaseImageList };

/** The image calls of one case, as the ltik's launch. */
export function caseImagesApi(ltik: string, caseId: string) {
  const base = `/library/cases/${encodeURIComponent(caseId)}/images`;
  return {
    list: () => apiRequest<CaseImageList>(ltik, base),
    /** Sends the file itself as the body, with its own type; the server checks the bytes. */
    upload: (file: File, alt: string) =>
      apiRequest<CaseImageUploaded>(ltik, `${base}?alt=${encodeURIComponent(alt)}`, {
        method: 'POST',
        body: file,
        headers: { 'Content-Type': file.type || 'application/octet-stream' },
      }),
    remove: (imageId: string) =>
      apiRequest<null>(ltik, `${base}/${encodeURIComponent(imageId)}`, { method: 'DELETE' }),
  };
}

export type CaseImagesApi = ReturnType<typeof caseImagesApi>;
