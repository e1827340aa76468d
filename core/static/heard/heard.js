// Heard's browser script. It starts GOV.UK Frontend's components (menus, error
// summaries, character counts, password reveal...) and starts them again on content
// that htmx swaps in. Every page works without it: it only adds to what the HTML does.
import { initAll } from "./govuk-frontend.min.js";

function start(scope) {
  try {
    initAll({
      scope,
      onError(error) {
        console.error(error);
      },
    });
  } catch (error) {
    console.error(error);
  }
}

if (document.body.classList.contains("govuk-frontend-supported")) {
  start(document);
  // htmx fires htmx:load on each element it adds (and once on <body> at start-up,
  // which is already covered above).
  document.addEventListener("htmx:load", (event) => {
    const element = event.detail && event.detail.elt;
    if (element && element !== document.body && element.querySelectorAll) {
      start(element);
    }
  });
}
