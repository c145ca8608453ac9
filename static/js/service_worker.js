// Backcare's service worker, loaded by /sw.js (backcare/pwa.py), which sets self.BACKCARE: this
// release's version, its static files and public pages, and where the outbox asks who is
// signed in. What it keeps:
// - "backcare-public-<version>": the static files and the public pages (the library, the
//   warning signs, the offline page), fetched without cookies, so they hold nobody's data;
//   replaced by the next release.
// - "backcare-private-<user id>": the pages a signed-in person opened that the server marks
//   for offline use (the routines, the player, the session form; logbook/offline.py), and
//   nothing else. Only one person's at a time, the last one seen signed in: any page loaded
//   online says who is signed in (or nobody), and the pages kept for anyone else go at once.
//   Logging out deletes them too (static/js/logout.js, and the server's Clear-Site-Data).
// Pages come from the network first and from these caches only when it fails. Nothing else is
// kept: no answer to a POST, no unmarked page, nothing from another site. A session posted on a
// connection that fails goes to the outbox (static/js/outbox_core.js), sent later.
/* global BackcareOutbox */
"use strict";
var config = self.BACKCARE;
var PUBLIC = "backcare-public-" + config.version;
var PRIVATE_PREFIX = "backcare-private-";

self.addEventListener("install", function (event) {
  var pages = config.pages.map(function (url) {
    return new Request(url, { credentials: "omit" });
  });
  event.waitUntil(
    caches.open(PUBLIC)
      .then(function (cache) { return cache.addAll(config.shell.concat(pages)); })
      .then(function () { return self.skipWaiting(); })
  );
});

function deleteCachesBut(prefix, kept) {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(prefix) === 0 && name !== kept;
    }).map(function (name) { return caches.delete(name); }));
  });
}

// The pages kept before load the old release's files: they go too, and are kept again the next
// time their person opens them.
self.addEventListener("activate", function (event) {
  event.waitUntil(deleteCachesBut("backcare-", PUBLIC).then(function () {
    return self.clients.claim();
  }));
});

// Keep a marked page in its person's cache, and drop any other person's: so there is one
// private cache at most, and a page is found in one cache only (caches.match looks in all).
function keepPrivate(request, response) {
  var user = response.headers.get(config.offlineHeader);
  if (!user || response.status !== 200 || response.redirected) {
    return Promise.resolve();
  }
  return deleteCachesBut(PRIVATE_PREFIX, PRIVATE_PREFIX + user).then(function () {
    return caches.open(PRIVATE_PREFIX + user);
  }).then(function (cache) {
    return cache.put(request, response);
  });
}

// A page loaded online names who is signed in: another person's kept pages, or anyone's when
// nobody is, go before anything is kept or shown from them.
function forgetOthers(response) {
  var person = response.headers.get(config.personHeader);
  return person === null ? Promise.resolve() : deleteCachesBut(PRIVATE_PREFIX, PRIVATE_PREFIX + person);
}

function page(event) {
  return fetch(event.request).then(function (response) {
    var copy = response.clone();
    event.waitUntil(forgetOthers(response).then(function () {
      return keepPrivate(event.request, copy);
    }));
    return response;
  }, function () {
    return caches.match(event.request, { ignoreVary: true }).then(function (response) {
      return response || caches.match(config.offlinePage, { cacheName: PUBLIC, ignoreVary: true });
    });
  });
}

// A hashed file never changes: the kept copy first. Unhashed (DEBUG), the network first, so
// that an edited file shows at once.
function staticFile(request) {
  var kept = function () { return caches.match(request, { cacheName: PUBLIC, ignoreVary: true }); };
  if (!config.hashedStatic) {
    return fetch(request).catch(kept);
  }
  return kept().then(function (hit) { return hit || fetch(request); });
}

// A session posted while the browser believed it was online, on a connection that failed: kept
// in the outbox for the person whose pages are kept here (the form came from there), and the
// form's page shown again, with the session waiting. Adding or removing an exercise is not kept.
// Only this site's own form is kept: posted from one of its pages (another site's page sends
// no referrer: Referrer-Policy same-origin) with the form's CSRF token, which a send replaces.
function ownPage(address) {
  try {
    return new URL(address).origin === self.location.origin;
  } catch (error) {
    return false;
  }
}

function postedSession(event) {
  var copy = event.request.clone();
  return fetch(event.request).catch(function () {
    return Promise.all([copy.formData(), caches.keys()]).then(function (found) {
      var form = found[0];
      var owner = found[1].filter(function (name) { return name.indexOf(PRIVATE_PREFIX) === 0; })[0];
      var kept = owner && ownPage(copy.referrer) && form.get("csrfmiddlewaretoken");
      if (!kept || !form.get("submission_token") || form.has("add") || form.has("remove")) {
        return caches.match(config.offlinePage, { cacheName: PUBLIC, ignoreVary: true });
      }
      var fields = [];
      form.delete("csrfmiddlewaretoken"); // a fresh one is fetched when it is sent
      form.forEach(function (value, name) { fields.push([name, String(value)]); });
      return BackcareOutbox.keep({
        token: form.get("submission_token"), user: Number(owner.slice(PRIVATE_PREFIX.length)),
        action: copy.url, fields: fields, title: "", savedAt: new Date().toISOString(),
        state: "waiting", reasons: [],
      }).then(function () { return Response.redirect(copy.referrer, 303); });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.method === "POST" && request.mode === "navigate" && url.pathname === config.outboxUrl) {
    event.respondWith(postedSession(event));
    return;
  }
  if (request.method !== "GET") {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (url.pathname.indexOf(config.staticPrefix) === 0) {
    event.respondWith(staticFile(request));
  } else if (url.pathname === config.catalog) {
    event.respondWith(fetch(request).catch(function () {
      return caches.match(request, { cacheName: PUBLIC, ignoreVary: true });
    }));
  }
});

// Background Sync: the pages ask for it when they keep a session (static/js/outbox.js). A sync
// that could not reach the server fails, so the browser tries again later.
self.addEventListener("sync", function (event) {
  if (event.tag !== "backcare-outbox") {
    return;
  }
  event.waitUntil(BackcareOutbox.sendAll(config.stateUrl).then(function (result) {
    return self.clients.matchAll().then(function (clients) {
      clients.forEach(function (client) { client.postMessage({ outbox: "changed", sent: result.sent }); });
      if (result.offline || result.waiting) {
        throw new Error("The outbox is still waiting for the server.");
      }
    });
  }));
});
