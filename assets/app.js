// Starts govuk-frontend's components (service navigation menu, error summary
// focus, ...). Every page works without this file.
(function () {
  'use strict';
  if (window.GOVUKFrontend && document.body.classList.contains('govuk-frontend-supported')) {
    window.GOVUKFrontend.initAll();
  }
})();

// Conditional reveals (govuk_choices_revealing in src/html/govuk.c): the
// content an option controls (aria-controls) shows while it is chosen.
// govuk-frontend's Radios module does the same but also sets aria-expanded,
// which ARIA does not allow on a radio; so these groups are not its.
(function () {
  'use strict';
  if (!document.body.classList.contains('govuk-frontend-supported')) return;
  document.querySelectorAll('[data-mh-reveals]').forEach(function (group) {
    var inputs = group.querySelectorAll('input[aria-controls]');
    function sync() {
      inputs.forEach(function (input) {
        var target = document.getElementById(input.getAttribute('aria-controls'));
        if (!target) return;
        var kind = target.classList.contains('govuk-checkboxes__conditional') ? 'checkboxes' : 'radios';
        target.classList.toggle('govuk-' + kind + '__conditional--hidden', !input.checked);
      });
    }
    group.addEventListener('change', sync);
    window.addEventListener('pageshow', sync);
    sync();
  });
})();

// A table's scrolling box (govuk_table_begin) takes focus only while its
// table is wider than it, so that a keyboard can scroll it; otherwise it is
// no tab stop.
(function () {
  'use strict';
  var boxes = document.querySelectorAll('.mh-table-wrap[tabindex]');
  if (!boxes.length) return;
  function sync() {
    boxes.forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) box.setAttribute('tabindex', '0');
      else box.removeAttribute('tabindex');
    });
  }
  window.addEventListener('resize', sync);
  sync();
})();
