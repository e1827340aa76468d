// Runs at the top of <body>, before anything is drawn: tells GOV.UK Frontend's styles that
// JavaScript is on (and whether its components can start), so that nothing jumps once they
// start. A file rather than an inline script, so that the Content Security Policy allows no
// inline script at all.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
