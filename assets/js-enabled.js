// Marks the page as having JavaScript before it is drawn, as govuk-frontend's
// template does inline; a file keeps the Content-Security-Policy free of
// 'unsafe-inline'.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
