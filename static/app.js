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
    Array.prototype.forEach.call(document.querySelectorAll('[data-print]'), function (button) {
      button.hidden = false;
    });
    // Move focus to an error summary, so screen readers announce it.
    var summary = document.querySelector('[data-focus]');
    if (summary) { summary.focus(); }
  }
  enhance();
})();
