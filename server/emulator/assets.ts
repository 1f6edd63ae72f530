/**
 * The emulator's static scripts and stylesheet, served from the router so every page runs under a
 * CSP without inline code. storage.js is the platform side of LTI Platform Storage (the
 * lti.capabilities / lti.put_data / lti.get_data postMessages), keyed by the tool's origin, as
 * Canvas's post_message_forwarding frame does it.
 */
import type { RequestHandler } from 'express';

const AUTOSUBMIT = `'use strict';
document.getElementById('autosubmit').submit();
`;

const STORAGE = `'use strict';
(function () {
  var PREFIX = 'lti-platform-storage:';
  var MAX_KEYS_PER_ORIGIN = 500;
  var MAX_VALUE_LENGTH = 4096;
  function keysOf(origin) {
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) {
      var k = localStorage.key(i);
      if (k && k.indexOf(PREFIX + origin + '|') === 0) keys.push(k);
    }
    return keys;
  }
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (typeof data === 'string') {
      try { data = JSON.parse(data); } catch (e) { return; }
    }
    if (!data || typeof data !== 'object' || typeof data.subject !== 'string') return;
    var match = /^(org\\.imsglobal\\.)?lti\\.(capabilities|put_data|get_data|[a-zA-Z_.]+)$/.exec(data.subject);
    if (!match || /\\.response$/.test(data.subject) || !event.source) return;
    if (event.origin === window.location.origin) return;
    var reply = { subject: data.subject + '.response', message_id: data.message_id };
    function send(extra) {
      for (var name in extra) reply[name] = extra[name];
      event.source.postMessage(reply, event.origin);
    }
    function fail(code, message) { send({ error: { code: code, message: message } }); }
    if (event.origin === 'null') { fail('bad_request', 'A tool with an opaque origin cannot use platform storage'); return; }
    var action = match[2];
    if (action === 'capabilities') {
      send({ supported_messages: [
        { subject: 'lti.capabilities' },
        { subject: 'lti.put_data', frame: 'post_message_forwarding' },
        { subject: 'lti.get_data', frame: 'post_message_forwarding' }
      ] });
      return;
    }
    if (action !== 'put_data' && action !== 'get_data') { fail('unsupported_subject', 'Unsupported subject: ' + data.subject); return; }
    if (typeof data.key !== 'string' || data.key === '') { fail('bad_request', "Missing required 'key' field"); return; }
    if (data.message_id === undefined) { fail('bad_request', "Missing required 'message_id' field"); return; }
    var storageKey = PREFIX + event.origin + '|' + data.key;
    try {
      if (action === 'put_data') {
        if (data.value === undefined || data.value === null) {
          localStorage.removeItem(storageKey);
        } else {
          var value = String(data.value);
          if (value.length > MAX_VALUE_LENGTH) { fail('bad_request', 'The value is too long'); return; }
          if (localStorage.getItem(storageKey) === null && keysOf(event.origin).length >= MAX_KEYS_PER_ORIGIN) {
            fail('storage_exhausted', 'Too many keys for this origin'); return;
          }
          localStorage.setItem(storageKey, value);
        }
        send({ key: data.key, value: data.value });
      } else {
        var stored = localStorage.getItem(storageKey);
        send({ key: data.key, value: stored === null ? undefined : stored });
      }
    } catch (e) {
      fail('storage_exhausted', 'The platform could not store the value');
    }
  });
})();
`;

const PAGE = `'use strict';
(function () {
  var main = document.querySelector('[data-emulator-page]');
  var status = document.getElementById('frame-status');
  var frame = document.getElementById('tool-frame');
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (typeof data === 'string') {
      try { data = JSON.parse(data); } catch (e) { return; }
    }
    if (!data || typeof data !== 'object') return;
    if (data.subject === 'org.imsglobal.lti.close' && main && main.dataset.closeUrl) {
      window.location.assign(main.dataset.closeUrl);
    }
    if (data.subject === 'emulator.refresh' && event.origin === window.location.origin && main && main.dataset.refreshUrl) {
      window.location.assign(main.dataset.refreshUrl);
    }
    // Canvas grows the tool's frame to the height the tool reports (Moodle keeps it fixed).
    if (data.subject === 'lti.frameResize' && main && main.dataset.frameResize !== undefined &&
        frame && event.source === frame.contentWindow && typeof data.height === 'number' && data.height > 0) {
      frame.style.height = Math.min(Math.ceil(data.height), 20000) + 'px';
    }
  });
  // The status says "Launching…" until a page has loaded in the frame.
  if (frame && status) {
    frame.addEventListener('load', function () {
      if (status.textContent.indexOf('Launching') === 0) status.textContent = 'The tool is open below.';
    });
  }
  document.querySelectorAll('form[target="tool-frame"]').forEach(function (form) {
    form.addEventListener('submit', function () {
      if (status) status.textContent = 'Launching ' + (form.dataset.label || 'the tool') + '…';
      if (frame) frame.focus();
    });
  });
})();
`;

const DL_RETURN = `'use strict';
if (window.parent && window.parent !== window) {
  window.parent.postMessage({ subject: 'emulator.refresh' }, window.location.origin);
}
`;

const CSS = `:root { color-scheme: light; --ink: #1b1f24; --muted: #4a5360; --line: #c9ced6; --accent: #0b5cad; --bg: #f7f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
header.top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; padding: .75rem 1.25rem; background: #1d2a3a; color: #fff; }
header.top a { color: #fff; }
header.top nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
.brand { font-weight: 700; margin: 0; }
main { padding: 1rem 1.25rem 3rem; max-width: 80rem; margin: 0 auto; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
fieldset { border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: flex-end; }
label { display: block; font-weight: 600; }
.field { display: flex; flex-direction: column; gap: .25rem; }
.field.inline { flex-direction: row; align-items: center; }
input, select, button { font: inherit; }
input[type=text], input[type=url], input[type=number], select { border: 1px solid #6b7480; border-radius: 4px; padding: .35rem .5rem; min-width: 12rem; }
button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .45rem .9rem; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
.hint { color: var(--muted); font-size: .9rem; margin: 0; }
.activities { list-style: none; padding: 0; display: grid; gap: .75rem; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); }
.activities li { border: 1px solid var(--line); border-radius: 6px; padding: .75rem; background: var(--bg); }
.layout { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 1fr); }
iframe.tool { width: 100%; min-height: 38rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
iframe.registration { width: 100%; min-height: 34rem; border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left; vertical-align: top; }
thead th { background: var(--bg); }
.feedback { display: block; color: var(--muted); font-size: .9rem; }
.tag { display: inline-block; background: #e6eef8; color: #0a3f78; border-radius: 3px; padding: 0 .35rem; font-size: .85rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.handoff, .moodle-error, .dl-return { max-width: 40rem; margin: 2rem auto; }
.errormessage, .dl-error { color: #9b1c1c; font-weight: 600; }
.debug { color: var(--muted); font-family: ui-monospace, monospace; font-size: .85rem; }
`;

const ASSETS: Record<string, { type: string; body: string }> = {
  'autosubmit.js': { type: 'text/javascript', body: AUTOSUBMIT },
  'storage.js': { type: 'text/javascript', body: STORAGE },
  'page.js': { type: 'text/javascript', body: PAGE },
  'dlreturn.js': { type: 'text/javascript', body: DL_RETURN },
  'emulator.css': { type: 'text/css', body: CSS },
};

/** GET /assets/:name */
export const serveAsset: RequestHandler = (req, res) => {
  const asset = ASSETS[String(req.params.name)];
  if (!asset) {
    res.status(404).type('text').send('Not found');
    return;
  }
  res
    .type(`${asset.type}; charset=utf-8`)
    .set('Cache-Control', 'no-cache')
    .set('X-Content-Type-Options', 'nosniff')
    .send(asset.body);
};
