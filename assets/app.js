// Starts govuk-frontend's components (service navigation menu, error summary
// focus, ...). Every page works without this file.
(function () {
  'use strict';
  if (window.GOVUKFrontend && document.body.classList.contains('govuk-frontend-supported')) {
    window.GOVUKFrontend.initAll();
  }
})();

// "Print this page" buttons (data-mh-print): the browser's print. Shown
// only where this runs (assets/app.scss, .mh-print-button).
(function () {
  'use strict';
  document.querySelectorAll('[data-mh-print]').forEach(function (button) {
    button.addEventListener('click', function () {
      window.print();
    });
  });
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
  // Whenever a box or its table changes size (the window, a font or style
  // arriving late, content shown), not only at start: a box measured before
  // its final layout kept the wrong answer (axe found one, under load).
  if (window.ResizeObserver) {
    var watch = new ResizeObserver(sync);
    boxes.forEach(function (box) {
      watch.observe(box);
      if (box.firstElementChild) watch.observe(box.firstElementChild);
    });
  }
  window.addEventListener('resize', sync);
  window.addEventListener('load', sync);
  sync();
})();

// School pickers (FORM_SCHOOL, the school search, Find your Maths Hub): an
// input with data-school-search becomes GOV.UK's accessible-autocomplete,
// whose suggestions come from /api/v1/schools. Choosing one puts the
// school's text in the input, "Name (URN 100000), Town POSTCODE", which the
// server reads the URN from; with data-school-search="submit" it also sends
// the form. Without JavaScript the input stays a plain search box.
(function () {
  'use strict';
  if (!window.accessibleAutocomplete || !window.fetch || !document.body.classList.contains('govuk-frontend-supported')) return;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function place(s) {
    return [s.town, s.postcode].filter(Boolean).join(' ');
  }
  function label(s) {
    var t = s.name + ' (URN ' + s.urn + ')';
    if (place(s)) t += ', ' + place(s);
    if (s.status === 'closed') t += ', closed';
    return t;
  }

  document.querySelectorAll('input[data-school-search]').forEach(function (input) {
    var submit = input.getAttribute('data-school-search') === 'submit';
    var form = input.form;
    var id = input.id;
    var describedBy = input.getAttribute('aria-describedby') || '';
    var classes = 'govuk-input' + (input.classList.contains('govuk-input--error') ? ' govuk-input--error' : '');
    var labelEl = document.querySelector('label[for="' + id + '"]');
    if (labelEl && !labelEl.id) labelEl.id = id + '-label';
    var container = document.createElement('div');
    container.className = 'mh-autocomplete';
    input.parentNode.insertBefore(container, input);
    input.parentNode.removeChild(input);
    var timer = null;
    var latest = '';

    window.accessibleAutocomplete({
      element: container,
      id: id,
      name: input.name,
      defaultValue: input.value,
      minLength: 2,
      confirmOnBlur: false,
      // the suggestions arrive a moment after each key: "No results" would
      // flash meanwhile. With none, the status still says so to screen
      // readers, and the search button's page says what to try.
      showNoOptionsFound: false,
      inputClasses: classes,
      menuAttributes: labelEl ? { 'aria-labelledby': labelEl.id } : {},
      source: function (query, populate) {
        latest = query;
        clearTimeout(timer);
        timer = setTimeout(function () {
          fetch('/api/v1/schools?page_size=10&query=' + encodeURIComponent(query), { headers: { Accept: 'application/json' } })
            .then(function (r) { return r.ok ? r.json() : { schools: [] }; })
            .then(function (j) { if (query === latest) populate(j.schools); })
            .catch(function () { if (query === latest) populate([]); });
        }, 150);
      },
      templates: {
        inputValue: function (s) { return s && typeof s === 'object' ? label(s) : (s || ''); },
        suggestion: function (s) {
          if (!s || typeof s !== 'object') return esc(s || '');
          return '<strong>' + esc(s.name) + '</strong>' + (s.status === 'closed' ? ' (closed)' : '') +
            '<span class="mh-suggestion__place">URN ' + esc(s.urn) + (place(s) ? ', ' + esc(place(s)) : '') + '</span>';
        }
      },
      onConfirm: function (s) {
        if (!s || typeof s !== 'object') return;
        var el = document.getElementById(id);
        if (el) el.value = label(s);
        if (submit && form) form.submit();
      },
      tStatusNoResults: function () { return 'No schools found'; },
      tStatusQueryTooShort: function (n) { return 'Type ' + n + ' or more characters for suggestions'; }
    });

    // keep the field's hint and error read out: the component sets its own
    // aria-describedby and drops it once typing starts
    var el = document.getElementById(id);
    if (!el || !describedBy) return;
    function keep() {
      var now = (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      describedBy.split(' ').forEach(function (d) { if (now.indexOf(d) < 0) now.push(d); });
      var v = now.join(' ');
      if (el.getAttribute('aria-describedby') !== v) el.setAttribute('aria-describedby', v);
    }
    keep();
    new MutationObserver(keep).observe(el, { attributes: true, attributeFilter: ['aria-describedby'] });
  });
})();
