// Starts govuk-frontend's components (service navigation menu, error summary
// focus, ...). Every page works without this file.
(function () {
  'use strict';
  if (window.GOVUKFrontend && document.body.classList.contains('govuk-frontend-supported')) {
    window.GOVUKFrontend.initAll();
  }
})();
