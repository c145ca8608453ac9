// Sessions logged with no connection (static/js/outbox_core.js keeps them): the forms marked
// data-outbox are kept on this device instead of posted while the browser is offline; a panel at
// the top of every signed-in page shows what waits, what was sent, and what the logbook refused
// (with its reasons, to open and fix or to discard); sending starts on each page, when the
// connection returns, and from the service worker (Background Sync).
(function () {
  "use strict";
  var core = window.BackcareOutbox;
  var panel = document.getElementById("outbox");
  if (!core || !panel || !window.indexedDB) {
    return;
  }
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, count) { return count === 1 ? one : many; };
  var user = Number(panel.getAttribute("data-user"));
  var stateUrl = panel.getAttribute("data-state-url");
  var heading = panel.querySelector("h2");
  var status = panel.querySelector("[data-outbox-status]");
  var list = panel.querySelector("[data-outbox-list]");
  var sending = false;

  function count(text, number) {
    return text.replace("%(count)s", String(number));
  }

  function newToken() {
    if (window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); });
    return [hex.slice(0, 4), hex.slice(4, 6), hex.slice(6, 8), hex.slice(8, 10), hex.slice(10)]
      .map(function (part) { return part.join(""); }).join("-");
  }
  window.BackcareOutbox.newToken = newToken;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className || "";
    node.textContent = text || "";
    return node;
  }

  function button(text, className, action) {
    var node = element("button", "btn btn-sm " + className, text);
    node.type = "button";
    node.addEventListener("click", action);
    return node;
  }

  // Open a refused session in the form, with the logbook's reasons beside each answer: a plain
  // post of what was kept, with a CSRF token of the moment.
  function openToFix(entry) {
    fetch(stateUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.user !== user) {
          return;
        }
        var form = element("form");
        form.method = "post";
        form.action = entry.action;
        form.hidden = true;
        entry.fields.concat([["csrfmiddlewaretoken", state.csrfToken]]).forEach(function (pair) {
          var input = document.createElement("input");
          input.type = "hidden";
          input.name = pair[0];
          input.value = pair[1];
          form.appendChild(input);
        });
        document.body.appendChild(form);
        form.submit();
      }, function () {
        render(gettext("You are offline: opening this session needs the connection."));
      });
  }

  function entryItem(entry) {
    var item = element("li", "outbox-entry border-top pt-2 mt-2");
    var when = new Date(entry.savedAt).toLocaleString(document.documentElement.lang || undefined);
    item.appendChild(element("p", "fw-semibold mb-1", (entry.title || gettext("Session")) + " · " + when));
    if (entry.state === "sent") {
      var link = element("a", "", gettext("Sent: open it in your logbook"));
      link.href = entry.url;
      item.appendChild(link);
      return item;
    }
    if (entry.state !== "rejected") {
      item.appendChild(element("p", "mb-0", gettext("Waiting to send: it goes to your logbook when the connection returns.")));
      return item;
    }
    item.appendChild(element("p", "mb-1 text-danger-emphasis", gettext("Not saved: the logbook could not accept it as it is.")));
    var reasons = element("ul", "mb-2");
    var given = entry.reasons && entry.reasons.length ? entry.reasons : [
      gettext("The server gave no reason (error %(status)s). Open it to try again, or discard it.").replace("%(status)s", String(entry.status || "")),
    ];
    given.forEach(function (reason) { reasons.appendChild(element("li", "", reason)); });
    item.appendChild(reasons);
    var actions = element("div", "d-flex flex-wrap gap-2");
    actions.appendChild(button(gettext("Open it to fix it"), "btn-primary", function () { openToFix(entry); }));
    actions.appendChild(button(gettext("Discard it"), "btn-outline-danger", function () {
      if (window.confirm(gettext("Discard this session? It is not in your logbook, and it will be gone."))) {
        core.forget(entry.token).then(function () { render(gettext("The session was discarded.")); });
      }
    }));
    item.appendChild(actions);
    return item;
  }

  // The form's session is in the outbox: the form (or the player around it) is done with.
  function putAway(form) {
    var hide = form.getAttribute("data-outbox-hide");
    (hide ? document.querySelector(hide) : form).hidden = true;
    form.dispatchEvent(new CustomEvent("backcare:kept", { bubbles: true }));
  }

  function sentMessage(sent) {
    return count(ngettext("%(count)s session kept on this device is now in your logbook.", "%(count)s sessions kept on this device are now in your logbook.", sent.length), sent.length);
  }

  // Sessions this page saw reach the logbook (sent by it or by the service worker): listed, with
  // their links, until the page is left.
  var sentHere = {};

  function render(message, sent) {
    (sent || []).forEach(function (entry) {
      sentHere[entry.token] = Object.assign({}, entry, { state: "sent" });
    });
    var sentList = Object.keys(sentHere).map(function (token) { return sentHere[token]; });
    message = message || (sentList.length ? sentMessage(sentList) : "");
    return core.entries(user).then(function (mine) {
      var shown = mine.concat(sentList);
      shown.sort(function (a, b) { return a.savedAt < b.savedAt ? -1 : 1; });
      list.textContent = "";
      shown.forEach(function (entry) { list.appendChild(entryItem(entry)); });
      var waiting = mine.filter(function (entry) { return entry.state !== "rejected"; }).length;
      var refused = mine.length - waiting;
      var summary = [];
      if (waiting) {
        summary.push(count(ngettext("%(count)s session is waiting to send.", "%(count)s sessions are waiting to send.", waiting), waiting));
      }
      if (refused) {
        summary.push(count(ngettext("%(count)s session was not saved: see why below.", "%(count)s sessions were not saved: see why below.", refused), refused));
      }
      status.textContent = [message || ""].concat(summary).join(" ").trim();
      panel.hidden = !shown.length && !message;
      // A form whose session already waits here is done with (the service worker kept it).
      document.querySelectorAll("form[data-outbox]").forEach(function (form) {
        var token = form.elements.submission_token.value;
        if (mine.some(function (entry) { return entry.token === token && entry.state !== "rejected"; })) {
          putAway(form);
        }
      });
    });
  }

  // While the page stays open, a send that did not reach the server is tried again, a little
  // later each time (2 s, 4 s... at most a minute): the "online" event can come before the
  // connection really works.
  var retryDelay = 2000;
  var retry = null;

  function tryAgainLater() {
    window.clearTimeout(retry);
    retry = window.setTimeout(sendNow, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }

  function sendNow() {
    if (sending || !navigator.onLine) {
      return render();
    }
    sending = true;
    return core.sendAll(stateUrl).then(function (result) {
      sending = false;
      if (result.offline || result.waiting) {
        tryAgainLater();
      } else {
        retryDelay = 2000;
      }
      return render("", result.sent);
    }, function () {
      sending = false;
      tryAgainLater();
      return render();
    });
  }

  function askForSync() {
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.ready.then(function (registration) {
        return registration.sync && registration.sync.register("backcare-outbox");
      }).catch(function () {});
    }
  }

  // Today in the person's time zone, as the server counts days ("2026-11-25").
  function todayIn(zone) {
    try {
      var parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date());
      var part = function (type) { return parts.filter(function (p) { return p.type === type; })[0].value; };
      return part("year") + "-" + part("month") + "-" + part("day");
    } catch (error) {
      return "";
    }
  }

  // A new form takes a new token, so that a copy kept for offline use never repeats one. Such a
  // copy may be days old: the day it offers, and the latest it allows, become today's.
  document.querySelectorAll("form[data-outbox][data-new-token]").forEach(function (form) {
    form.elements.submission_token.value = newToken();
    var date = form.elements.date;
    var today = todayIn(form.getAttribute("data-time-zone"));
    if (date && today && date.max && date.max < today) {
      if (date.value === date.max) {
        date.value = today;
      }
      date.max = today;
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-outbox]") || navigator.onLine) {
      return;
    }
    event.preventDefault();
    var submitter = event.submitter;
    if (submitter && submitter.name && submitter.name !== "save") {
      render(gettext("You are offline: adding or removing an exercise needs the connection. You can save the session as it is."));
      return;
    }
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") { // a fresh one is fetched when it is sent
        fields.push([name, String(value)]);
      }
    });
    fields.push(["save", "1"]);
    var entry = {
      token: form.elements.submission_token.value,
      user: user,
      action: form.action,
      fields: fields,
      title: form.getAttribute("data-outbox-title"),
      savedAt: new Date().toISOString(),
      state: "waiting",
      reasons: [],
    };
    core.keep(entry).then(function () {
      putAway(form);
      askForSync();
      return render(gettext("Saved on this device, not yet in your logbook."));
    }).then(function () {
      heading.focus();
    }, function () {
      render(gettext("This session could not be kept on this device. Stay on this page, and save it again when you are back online."));
    });
  });

  window.addEventListener("online", sendNow);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      // The service worker sent the outbox (Background Sync).
      if (event.data && event.data.outbox) {
        render("", event.data.sent);
      }
    });
  }
  sendNow();
})();
