// On log-out, forget what this browser kept for the person, so the next person on a shared
// device does not find it: the guided player's state (pain ratings included), the pages kept for
// offline use (static/js/service_worker.js) and the outbox of sessions not yet sent. The server
// answers the log-out with Clear-Site-Data too; this covers a proxy that drops that header.
(function () {
  "use strict";
  var form = document.querySelector("form[data-logout]");
  if (!form) {
    return;
  }
  var gettext = window.gettext || function (text) { return text; };
  var outbox = window.BackcareOutbox;
  var user = Number((document.getElementById("outbox") || form).getAttribute("data-user"));
  var confirmed = false;

  function forgetPlayer() {
    if (!window.localStorage) {
      return;
    }
    Object.keys(window.localStorage)
      .filter(function (key) { return key.indexOf("backcare-player-") === 0; })
      .forEach(function (key) { window.localStorage.removeItem(key); });
  }

  function forgetPrivatePages() {
    if (!window.caches) {
      return Promise.resolve();
    }
    return window.caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("backcare-private-") === 0;
      }).map(function (name) { return window.caches.delete(name); }));
    });
  }

  function unsent() {
    return outbox && window.indexedDB ? outbox.entries().catch(function () { return []; }) : Promise.resolve([]);
  }

  form.addEventListener("submit", function (event) {
    forgetPlayer();
    if (confirmed) {
      return;
    }
    event.preventDefault();
    unsent().then(function (entries) {
      // Every person's: logging out clears the whole outbox (and the server's Clear-Site-Data
      // would anyway), so sessions someone else left here are said too.
      var others = entries.some(function (entry) { return entry.user !== user; });
      var question = others
        ? gettext("Sessions kept on this device, some of them another person's, are not in a logbook yet. Logging out now deletes them all. Log out anyway?")
        : gettext("Some sessions on this device are not in your logbook yet. Logging out now deletes them. Log out anyway?");
      if (entries.length && !window.confirm(question)) {
        return;
      }
      confirmed = true;
      // Never held up for long: the log-out goes ahead within a second whatever happens.
      var cleared = Promise.all([forgetPrivatePages(), outbox ? outbox.forgetAll() : null]);
      var enough = new Promise(function (resolve) { window.setTimeout(resolve, 1000); });
      Promise.race([cleared, enough]).then(function () { form.submit(); }, function () { form.submit(); });
    });
  });
})();
