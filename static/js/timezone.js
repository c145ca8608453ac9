// The time-zone list (accounts.forms.TimeZoneSelect): a box that narrows it as you type, the first
// match chosen; on sign-up, the browser's own zone chosen at first, so "today" in the logbook is
// the person's today. The words and the map of old zone names come from the page.
(function () {
  "use strict";
  var select = document.querySelector("select[data-time-zone]");
  var finder = document.querySelector("[data-time-zone-finder]");
  if (!select || !finder) {
    return;
  }
  var search = finder.querySelector("input");
  var status = finder.querySelector("[data-time-zone-status]");
  var everything = Array.prototype.map.call(select.children, function (node) {
    return node.cloneNode(true);
  });

  function words(text) {
    return text.toLowerCase().replace(/_/g, " ").trim();
  }

  function matching(wanted) {
    var list = document.createDocumentFragment();
    var seen = {};
    var count = 0;
    everything.forEach(function (node) {
      var group = node.tagName === "OPTGROUP" ? node.cloneNode(false) : null;
      var options = group ? node.children : [node];
      Array.prototype.forEach.call(options, function (option) {
        var text = words(option.value + " " + option.textContent + " " + (node.label || ""));
        if (seen[option.value] || text.indexOf(wanted) === -1) {
          return;
        }
        seen[option.value] = true;
        count += 1;
        (group || list).appendChild(option.cloneNode(true));
      });
      if (group && group.children.length) {
        list.appendChild(group);
      }
    });
    return { list: list, count: count };
  }

  function show(nodes) {
    var chosen = select.value;
    select.replaceChildren.apply(select, nodes);
    // The chosen zone stays chosen while it is in the list; otherwise the first match is.
    select.value = chosen;
    if (select.selectedIndex === -1) {
      select.selectedIndex = 0;
    }
  }

  search.addEventListener("input", function () {
    var wanted = words(search.value);
    if (!wanted) {
      show(everything.map(function (node) { return node.cloneNode(true); }));
      status.textContent = "";
      return;
    }
    var found = matching(wanted);
    if (!found.count) {
      show(everything.map(function (node) { return node.cloneNode(true); }));
      status.textContent = search.dataset.statusNone;
      return;
    }
    show(Array.prototype.slice.call(found.list.childNodes));
    status.textContent = search.dataset.statusSome.replace("%(count)s", found.count);
  });
  // Enter in the box goes to the list rather than sending the form half filled in.
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      select.focus();
    }
  });
  finder.hidden = false;

  var aliases = document.getElementById(select.dataset.aliases || "");
  if (!select.hasAttribute("data-guess-time-zone") || select.value !== "UTC" || !window.Intl) {
    return;
  }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (aliases && zone) {
    zone = JSON.parse(aliases.textContent)[zone] || zone;
  }
  Array.prototype.some.call(select.options, function (option) {
    if (option.value === zone) {
      select.value = zone;
      return true;
    }
    return false;
  });
})();
