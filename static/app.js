// NHS charging checker: small enhancements. Everything works without it.
(function () {
  'use strict';

  // Quick exit: leave for a neutral site, replacing this page in the
  // history so Back does not return to it. Also pressing Shift three times,
  // as in GOV.UK's "Exit this page".
  var exit = document.querySelector('[data-exit]');
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.hidden = true;
    document.title = '';
    window.location.replace(exit.href);
  }
  if (exit) {
    exit.addEventListener('click', leave);
    var hint = document.querySelector('[data-exit-hint]');
    if (hint) { hint.hidden = false; }
    var presses = 0;
    var timer = null;
    document.addEventListener('keydown', function (event) {
      if (event.key !== 'Shift' || event.repeat) { return; }
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(function () { presses = 0; }, 2000);
      if (presses >= 3) { leave(); }
    });
  }

  // Print buttons, hidden unless this script runs.
  Array.prototype.forEach.call(document.querySelectorAll('[data-print]'), function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });

  // Move focus to an error summary, so screen readers announce it.
  var summary = document.querySelector('[data-focus]');
  if (summary) { summary.focus(); }
})();
