// Pre-select the browser's time zone on sign-up, so "today" in the logbook is the person's today.
(function () {
  "use strict";
  var select = document.querySelector("select[data-guess-time-zone]");
  if (!select || select.value !== "UTC" || !window.Intl) {
    return;
  }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && select.querySelector('option[value="' + zone + '"]')) {
    select.value = zone;
  }
})();
