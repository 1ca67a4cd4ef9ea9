import { initAll } from '/javascripts/govuk-frontend.min.js';

initAll();

// A print button for the printable reports: hidden without JavaScript, where the browser's own print works.
for (const button of document.querySelectorAll('[data-app-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}

// Verifying every record goes a batch of records at a time: each page shows the progress and carries on by itself.
const next = document.querySelector('form[data-app-continue]');
if (next) next.requestSubmit();
