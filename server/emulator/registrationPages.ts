/**
 * The administrator's tool registration pages: the list of registered tools (Pending ones with an
 * Activate button, Moodle's "Update" for dynamic ones) and the frame in which the tool's
 * registration page runs until it posts org.imsglobal.lti.close.
 */
import { escapeHtml as e } from './http.js';
import { pageHeader } from './pages.js';
import type { Site } from './state.js';

export interface RegistrationsView {
  basePath: string;
  site: Site;
  defaultUrl: string;
  notice: string | undefined;
}

/** The list of tools and the "register a tool" form. */
export function renderRegistrations(view: RegistrationsView): string {
  const { basePath, site } = view;
  const rows = [...site.tools.values()]
    .map((tool) => {
      const actions: string[] = [];
      if (tool.status === 'pending') {
        actions.push(`<form method="post" action="${basePath}/registrations/activate">
<input type="hidden" name="profile" value="${site.profile}"><input type="hidden" name="clientId" value="${e(tool.clientId)}">
<button type="submit">Activate<span class="visually-hidden"> ${e(tool.name)}</span></button></form>`);
      }
      if (tool.source === 'dynamic' && site.profile === 'moodle') {
        actions.push(`<form method="post" action="${basePath}/registrations/start">
<input type="hidden" name="profile" value="${site.profile}"><input type="hidden" name="update" value="${e(tool.clientId)}">
<input type="hidden" name="url" value="${e(view.defaultUrl)}">
<button type="submit" class="secondary">Update<span class="visually-hidden"> ${e(tool.name)}</span></button></form>`);
      }
      return `<tr><th scope="row">${e(tool.name)}</th><td>${e(tool.clientId)}</td><td>${e(tool.deploymentId)}</td>
<td>${tool.status === 'active' ? 'Active' : 'Pending'}</td><td>${tool.source === 'manual' ? 'Manual' : 'Dynamic registration'}</td>
<td>${actions.join('') || '–'}</td></tr>`;
    })
    .join('');
  return `${pageHeader(basePath, site.profile)}
<main id="main" data-emulator-page>
<h1>${site.profile === 'moodle' ? 'Manage tools (Moodle)' : 'Developer keys and apps (Canvas)'}</h1>
${view.notice ? `<p role="status">${e(view.notice)}</p>` : ''}
<section aria-labelledby="register-h"><h2 id="register-h">Register a tool (LTI Dynamic Registration)</h2>
<form method="post" action="${basePath}/registrations/start">
<fieldset><legend>Tool</legend>
<input type="hidden" name="profile" value="${site.profile}">
<div class="field"><label for="reg-url">Tool registration URL</label><input type="url" id="reg-url" name="url" required value="${e(view.defaultUrl)}" size="60"></div>
<button type="submit">${site.profile === 'moodle' ? 'Add LTI Advantage' : 'Install app'}</button>
</fieldset></form></section>
<section aria-labelledby="tools-h"><h2 id="tools-h">Registered tools</h2>
<table><caption>Tools registered with this ${site.profile === 'moodle' ? 'site' : 'account'}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Client ID</th><th scope="col">Deployment ID</th><th scope="col">Status</th><th scope="col">Source</th><th scope="col">Actions</th></tr></thead>
<tbody>${rows}</tbody></table></section>
</main>`;
}

/** The frame hosting the tool's registration page; closes on org.imsglobal.lti.close. */
export function renderRegistrationFrame(basePath: string, site: Site, frameUrl: string): string {
  const back = `${basePath}/registrations?profile=${site.profile}&registered=1`;
  return `${pageHeader(basePath, site.profile)}
<main id="main" data-emulator-page data-close-url="${e(back)}">
<h1>Registering a tool</h1>
<p class="hint">The tool's registration page runs below. When it reports that it is done, this page returns to the list of tools.</p>
<iframe class="registration" title="Tool registration" src="${e(frameUrl)}"></iframe>
<p><a href="${e(back)}">Back to the registered tools</a></p>
</main>`;
}
