// Heard's browser script. It starts GOV.UK Frontend's components (menus, error
// summaries, character counts, password reveal...) and starts them again on content
// that htmx swaps in, and Heard's own: the area picker (area-picker.js). Every page
// works without it: it only adds to what the HTML does.
import { initAll } from "./govuk-frontend.min.js";
import { startAreaPickers } from "./area-picker.js";

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
  startAreaPickers(scope);
}

// A form that is not right answers 400 (or 422) with its errors shown: htmx drops such
// answers unless told to swap them in, and then the errors would never be seen.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr && event.detail.xhr.status;
  if (status === 400 || status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

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
