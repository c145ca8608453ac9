// Routine editor: focus where the person was, and a warning before leaving with unsaved changes.
// Everything works without it; the server decides where the page returns to (the # in the URL).
(function () {
  "use strict";

  var form = document.querySelector("form[data-unsaved-warning]");
  if (!form) {
    return;
  }

  // After a failed save, the error summary; after Move or Add, the element the URL names (the
  // moved exercise's button, the added exercise); after Save or Remove, the message.
  function focusTarget() {
    var errors = document.getElementById("form-errors");
    if (errors) {
      return errors;
    }
    var named = window.location.hash
      ? document.getElementById(decodeURIComponent(window.location.hash.slice(1)))
      : null;
    if (named && form.contains(named) && !named.disabled) {
      return named;
    }
    var message = document.querySelector(".messages");
    if (message) {
      message.setAttribute("tabindex", "-1");
    }
    return message;
  }

  var target = focusTarget();
  if (target) {
    target.focus();
  }

  function changed(field) {
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      // With no option marked selected in the page, the browser shows the first.
      var initial = 0;
      Array.prototype.forEach.call(field.options, function (option, index) {
        if (option.defaultSelected) {
          initial = index;
        }
      });
      return field.selectedIndex !== initial;
    }
    if (field.type === "hidden" || field.type === "submit" || field.tagName === "BUTTON") {
      return false;
    }
    return field.value !== field.defaultValue;
  }

  function warn(event) {
    event.preventDefault();
    event.returnValue = ""; // older browsers show their own words; none can be set
  }

  // After a refused save the page shows the typed values, none of them saved yet.
  var refused = Boolean(document.getElementById("form-errors"));
  var warning = false;
  function update() {
    var dirty = refused || Array.prototype.some.call(form.elements, changed);
    if (dirty !== warning) {
      warning = dirty;
      window[dirty ? "addEventListener" : "removeEventListener"]("beforeunload", warn);
    }
  }

  update();
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  // Every button of the form saves what was typed: leaving that way loses nothing.
  form.addEventListener("submit", function () {
    warning = false;
    window.removeEventListener("beforeunload", warn);
  });
})();
