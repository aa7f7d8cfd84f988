// NHS charging checker: small enhancements. Everything works without it.
// Listeners sit on the document (event delegation), so they keep working
// when a step of the flow swaps the page's body in (see below).
(function () {
  'use strict';

  // Quick exit: leave for a neutral site, replacing this page in the
  // history so Back does not return to it.
  function leave(event) {
    var exit = document.querySelector('[data-exit]');
    if (event) { event.preventDefault(); }
    document.body.hidden = true;
    document.title = '';
    window.location.replace(exit ? exit.href : 'https://www.bbc.co.uk/weather');
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('[data-exit]');
    if (link) { leave(event); }
  });

  // Also Shift pressed three times within two seconds, as in GOV.UK's
  // "Exit this page". Only Shift pressed and released on its own counts:
  // Shift held as a modifier (Shift+Tab, Shift+arrow, Shift+Space, a
  // screen reader's Shift+H) never does, and any other key starts again.
  var presses = 0;
  var timer = null;
  var shiftAlone = false;
  var keyboard = window.matchMedia && window.matchMedia('(hover: hover) and (pointer: fine)').matches;
  function showHint() {
    var hint = document.querySelector('[data-exit-hint]');
    if (hint && keyboard) { hint.hidden = false; }
  }
  document.addEventListener('keydown', function (event) {
    if (!keyboard) { keyboard = true; showHint(); }
    if (event.repeat) { return; }
    if (event.key === 'Shift') {
      shiftAlone = true;
      return;
    }
    shiftAlone = false;
    presses = 0;
  });
  document.addEventListener('keyup', function (event) {
    if (event.key !== 'Shift') { return; }
    if (!shiftAlone) { return; }
    shiftAlone = false;
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 2000);
    if (presses >= 3) {
      presses = 0;
      leave();
    }
  });
  window.addEventListener('blur', function () { shiftAlone = false; });

  // Print buttons, hidden unless this script runs.
  document.addEventListener('click', function (event) {
    if (event.target.closest && event.target.closest('[data-print]')) { window.print(); }
  });

  // What the page needs each time it is shown (also after a swap).
  function enhance() {
    showHint();
    offlineBox();
    Array.prototype.forEach.call(document.querySelectorAll('[data-print]'), function (button) {
      button.hidden = false;
    });
    // Move focus to an error summary, so screen readers announce it.
    var summary = document.querySelector('[data-focus]');
    if (summary) { summary.focus(); }
  }
  enhance();

  // Offline on request (docs/offline.md): nothing is stored until the
  // person presses "Keep this checker on this phone"; then the service
  // worker is registered and keeps this language's public pages.
  function offlineBox() {
    var box = document.querySelector('[data-offline]');
    if (box && 'serviceWorker' in navigator && window.MessageChannel) {
      box.querySelector('[data-offline-keep]').hidden = false;
    }
  }

  document.addEventListener('click', function (event) {
    var keep = event.target.closest && event.target.closest('[data-offline-keep]');
    if (!keep) { return; }
    var box = keep.closest('[data-offline]');
    var status = box.querySelector('[data-offline-status]');
    var say = function (ok) { status.textContent = box.getAttribute(ok ? 'data-kept' : 'data-failed'); };
    keep.disabled = true;
    navigator.serviceWorker.register(box.getAttribute('data-worker'), { type: 'module', scope: '/' }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (e) { resolve(e.data && e.data.ok); };
        reg.active.postMessage({ keep: document.documentElement.lang }, [channel.port2]);
      });
    }).then(function (ok) { say(ok); keep.disabled = false; }, function () { say(false); keep.disabled = false; });
  });

  // The question flow without "Confirm Form Resubmission". Each step is a
  // POST whose page may not be cached, so the browser's Back button would
  // ask to send the answers again. Instead, a step of the flow (a form
  // posting to /{lang}/check) is sent with fetch and its page swapped in,
  // and a history entry is added that holds nothing: no state, the same
  // address. Back then sends the page's own Back form, one question back.
  // Answers stay in the page, as without JavaScript; nothing is stored.
  // See docs/back-button.md.
  var flowPath = /^\/[A-Za-z-]+\/check$/;
  var busy = false;
  var nav = window.navigation;
  var shown = []; // pages seen in this tab's life, by history index (Forward)
  var index = function () { return nav && nav.currentEntry ? nav.currentEntry.index : -1; };

  // The address a form is sent to: the button's formaction (the language
  // switch), else the form's own; form.action would be its button named
  // "action".
  function target(form, submitter) {
    var to = submitter && submitter.getAttribute('formaction');
    return new URL(to || form.getAttribute('action') || '', window.location.href);
  }
  function flowForm(form, submitter) {
    if (!form || !window.fetch || !window.DOMParser || !window.history.pushState || !window.URL) { return false; }
    if ((form.getAttribute('method') || '').toLowerCase() !== 'post') { return false; }
    var url = target(form, submitter);
    return url.origin === window.location.origin && flowPath.test(url.pathname);
  }

  function formBody(form, submitter) {
    var body = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) { return; }
      if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) { return; }
      if (el.type === 'submit' || el.tagName === 'BUTTON') { return; }
      body.append(el.name, el.value);
    });
    if (submitter && submitter.name) { body.append(submitter.name, submitter.value); }
    return body;
  }

  function post(form, submitter) {
    var url = target(form, submitter);
    return fetch(url.pathname, {
      method: 'POST', body: formBody(form, submitter), credentials: 'same-origin',
      cache: 'no-store', redirect: 'follow', referrerPolicy: 'no-referrer',
    }).then(function (res) {
      var type = res.headers.get('Content-Type') || '';
      if (res.redirected || type.indexOf('text/html') !== 0) { throw new Error('not a page'); }
      return res.text().then(function (html) {
        return { status: res.status, path: url.pathname, html: html };
      });
    });
  }

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    document.title = doc.title;
    document.documentElement.lang = doc.documentElement.lang;
    document.documentElement.dir = doc.documentElement.dir;
    document.documentElement.replaceChild(document.adoptNode(doc.body), document.body);
    window.scrollTo(0, 0);
    enhance();
    if (!document.querySelector('[data-focus]')) {
      var h1 = document.querySelector('main h1');
      if (h1) {
        h1.setAttribute('tabindex', '-1');
        h1.focus();
      }
    }
  }

  // Without fetch's page, post the form the ordinary way.
  function fallback(form, submitter) {
    if (submitter && submitter.getAttribute('formaction')) {
      form.setAttribute('action', submitter.getAttribute('formaction'));
    }
    if (submitter && submitter.name) {
      var input = document.createElement('input');
      input.type = 'hidden';
      input.name = submitter.name;
      input.value = submitter.value;
      form.appendChild(input);
    }
    HTMLFormElement.prototype.submit.call(form);
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (event.defaultPrevented || !flowForm(form, event.submitter)) { return; }
    event.preventDefault();
    if (busy) { return; }
    busy = true;
    var submitter = event.submitter;
    post(form, submitter).then(function (page) {
      busy = false;
      swap(page.html);
      // A page sent back with an error replaces the step it corrects.
      if (page.status === 422) {
        window.history.replaceState(null, '', page.path);
      } else {
        window.history.pushState(null, '', page.path);
      }
      was = index();
      if (was >= 0) {
        shown[was] = page.html;
        shown.length = was + 1;
      }
    }).catch(function () {
      busy = false;
      fallback(form, submitter);
    });
  });

  // Back (or Forward) between the flow's history entries.
  function backForm() {
    var button = document.querySelector('.back-form button.back');
    return button && flowForm(button.form, button) ? button : null;
  }
  function goBack(steps) {
    var button = backForm();
    if (!button) { window.location.reload(); return; }
    busy = true;
    post(button.form, button).then(function (page) {
      busy = false;
      swap(page.html);
      if (steps > 1) { goBack(steps - 1); }
    }).catch(function () {
      busy = false;
      window.location.reload();
    });
  }
  var was = index();
  window.addEventListener('popstate', function () {
    var now = index();
    var from = was;
    was = now;
    if (now >= 0 && from >= 0 && now > from) {
      if (shown[now]) { swap(shown[now]); } else { window.location.reload(); }
      return;
    }
    goBack(now >= 0 && from >= 0 ? from - now : 1);
  });
})();
