// Installs the service worker (static/js/service_worker.js, served at the site's root as /sw.js)
// that keeps the library, the routines and the player for use without a connection.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) {
    return;
  }
  var address = script.getAttribute("data-service-worker");
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(address).catch(function () {
      // No service worker (a private window, a browser setting): pages still work online.
    });
  });
})();
