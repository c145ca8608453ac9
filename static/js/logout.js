// On log-out, forget any guided-session state this browser kept (pain ratings included), so the
// next person on a shared device does not find it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-logout]");
  if (!form || !window.localStorage) {
    return;
  }
  form.addEventListener("submit", function () {
    Object.keys(window.localStorage)
      .filter(function (key) { return key.indexOf("backcare-player-") === 0; })
      .forEach(function (key) { window.localStorage.removeItem(key); });
  });
})();
