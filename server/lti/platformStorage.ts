/**
 * LTI platform storage (1EdTech LTI Client Side postMessages): when the browser blocks Upstream's
 * cookies inside the LMS frame, the state and nonce are kept by the platform instead, through
 * window.postMessage (lti.put_data at login, lti.get_data at launch). The scripts run in the browser.
 */
import { loginStateId } from './loginState.js';

/**
 * The keys under which a login's state and nonce are stored in the platform. The state is named by
 * its random id (the whole state, with its signed facts, is long for a key).
 */
export function storageKeys(state: string, nonce: string): { state: string; nonce: string } {
  return { state: `state_${loginStateId(state)}`, nonce: `nonce_${nonce}` };
}

/** How long to wait for the platform before falling back to cookies: platforms answer at once or never. */
const PLATFORM_TIMEOUT_MS = 1000;

/**
 * The page script. `put`: store the values, then continue to `next` (even without an answer: the
 * cookie may still work). `get`: read the values back and post them to `confirmUrl`.
 * It reads its settings from the JSON block #lti-storage.
 */
export function platformStorageScript(mode: 'put' | 'get'): string {
  return `(function () {
  var config = JSON.parse(document.getElementById('lti-storage').textContent);
  var target = config.target === '_parent' ? window.parent : (window.parent.frames[config.target] || window.parent);
  var pending = {};
  var counter = 0;
  function send(subject, fields) {
    var id = 'upstream-' + Date.now() + '-' + (counter++);
    return new Promise(function (resolve, reject) {
      pending[id] = { resolve: resolve, reject: reject };
      var message = Object.assign({ subject: subject, message_id: id }, fields);
      try { target.postMessage(message, config.platformOrigin); } catch (e) { reject(e); }
    });
  }
  window.addEventListener('message', function (event) {
    if (event.origin !== config.platformOrigin || !event.data || !pending[event.data.message_id]) return;
    var waiter = pending[event.data.message_id];
    delete pending[event.data.message_id];
    if (event.data.error) waiter.reject(new Error(event.data.error.code || 'error')); else waiter.resolve(event.data);
  });
  function withTimeout(promise) {
    return Promise.race([promise, new Promise(function (_, reject) { setTimeout(function () { reject(new Error('timeout')); }, ${PLATFORM_TIMEOUT_MS}); })]);
  }
  ${
    mode === 'put'
      ? `withTimeout(Promise.all(config.put.map(function (item) { return send('lti.put_data', { key: item.key, value: item.value }); })))
    .catch(function () { /* fall back to the cookie */ })
    .then(function () { window.location.replace(config.next); });`
      : `withTimeout(Promise.all(config.get.map(function (key) { return send('lti.get_data', { key: key }); })))
    .then(function (answers) {
      var body = new URLSearchParams({ launch: config.launch, state: answers[0].value || '', nonce: answers[1].value || '' });
      return fetch(config.confirmUrl, { method: 'POST', body: body, credentials: 'omit' });
    })
    .then(function (res) { return res.json(); })
    .then(function (result) {
      if (result.redirect) { window.location.replace(result.redirect); return; }
      throw new Error('refused');
    })
    .catch(function () {
      document.getElementById('waiting').hidden = true;
      document.getElementById('failed').hidden = false;
      document.getElementById('failed').focus();
    });`
  }
})();`;
}
