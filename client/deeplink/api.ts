/** The case picker's calls to the API. */
import { apiRequest } from '../shared/api.js';
import type { CaseCatalogue, CasePreview, DeepLinkResponse, NewActivityInput } from './types.js';

export const deepLinkApi = (ltik: string) => ({
  cases: () => apiRequest<CaseCatalogue>(ltik, '/deeplink/cases').then((body) => body.cases),
  preview: (caseId: string) =>
    apiRequest<CasePreview>(ltik, `/deeplink/cases/${encodeURIComponent(caseId)}/preview`).then(
      (body) => body.steps,
    ),
  respond: (choice: NewActivityInput) =>
    apiRequest<DeepLinkResponse>(ltik, '/deeplink/response', {
      method: 'POST',
      body: JSON.stringify(choice),
    }),
});

/** Sends the signed response to the LMS the way Deep Linking requires: a form POST of the JWT. */
export function postToPlatform({ returnUrl, jwt }: DeepLinkResponse): void {
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = returnUrl;
  const field = document.createElement('input');
  field.type = 'hidden';
  field.name = 'JWT';
  field.value = jwt;
  form.append(field);
  document.body.append(form);
  form.submit();
}
