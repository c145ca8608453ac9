// The outbox: sessions logged without a connection, kept in IndexedDB with their submission token
// until the server has them. Used by the pages (static/js/outbox.js) and by the service worker
// (Background Sync). The server's token makes a repeated send harmless: it answers with the
// session already saved. An entry belongs to the person who logged it and is sent only while
// that person is signed in, with a CSRF token fetched at that moment.
(function (scope) {
  "use strict";
  var DATABASE = "backcare-outbox";
  var STORE = "sessions";

  function request(idbRequest) {
    return new Promise(function (resolve, reject) {
      idbRequest.onsuccess = function () { resolve(idbRequest.result); };
      idbRequest.onerror = function () { reject(idbRequest.error); };
    });
  }

  function withStore(mode, work) {
    var opening = scope.indexedDB.open(DATABASE, 1);
    opening.onupgradeneeded = function () {
      opening.result.createObjectStore(STORE, { keyPath: "token" });
    };
    return request(opening).then(function (db) {
      var done = request(work(db.transaction(STORE, mode).objectStore(STORE)));
      return done.finally(function () { db.close(); });
    });
  }

  // The entries of one person, or of everyone who logged one on this device (user undefined).
  function entries(user) {
    return withStore("readonly", function (store) { return store.getAll(); }).then(function (all) {
      return all.filter(function (entry) { return user === undefined || entry.user === user; });
    });
  }

  function keep(entry) {
    return withStore("readwrite", function (store) { return store.put(entry); });
  }

  function forget(token) {
    return withStore("readwrite", function (store) { return store.delete(token); });
  }

  function forgetAll() {
    return request(scope.indexedDB.deleteDatabase(DATABASE)).catch(function () {});
  }

  // One entry to the server. Resolves to "sent", "rejected" (kept, with the reasons, or the
  // status of a refusal that gives none, as a 403 or 413: trying it again would not help), or
  // "waiting" (no connection, signed out, busy, a server error: kept as it was, to try again).
  function send(entry, csrfToken) {
    var body = new URLSearchParams(entry.fields);
    body.set("csrfmiddlewaretoken", csrfToken);
    return scope.fetch(entry.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken, "X-Backcare-Outbox": "1" },
    }).then(function (response) {
      if (response.status === 200 || response.status === 201) {
        return response.json().then(function (answer) {
          return forget(entry.token).then(function () {
            entry.url = answer.url;
            return "sent";
          });
        });
      }
      if (response.status === 422) {
        return response.json().then(function (answer) {
          entry.state = "rejected";
          entry.reasons = answer.errors;
          return keep(entry).then(function () { return "rejected"; });
        });
      }
      if (response.status >= 400 && response.status < 500 && [408, 429].indexOf(response.status) < 0) {
        entry.state = "rejected";
        entry.reasons = [];
        entry.status = response.status;
        return keep(entry).then(function () { return "rejected"; });
      }
      return "waiting";
    }, function () { return "waiting"; });
  }

  // Every entry of the signed-in person, one after another. Resolves to {sent: [entries],
  // rejected: n, waiting: n, offline: true when the server could not be asked at all}.
  function sendAll(stateUrl) {
    var result = { sent: [], rejected: 0, waiting: 0, offline: false };
    return scope.fetch(stateUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (!state.user) {
          return result;
        }
        return entries(state.user).then(function (mine) {
          return mine.reduce(function (previous, entry) {
            return previous.then(function () {
              return send(entry, state.csrfToken).then(function (outcome) {
                if (outcome === "sent") {
                  result.sent.push(entry);
                } else {
                  result[outcome] += 1;
                }
              });
            });
          }, Promise.resolve()).then(function () { return result; });
        });
      }, function () {
        result.offline = true;
        return result;
      });
  }

  scope.BackcareOutbox = {
    entries: entries,
    keep: keep,
    forget: forget,
    forgetAll: forgetAll,
    sendAll: sendAll,
  };
})(self);
