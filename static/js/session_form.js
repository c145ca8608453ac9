// Log-a-session form: small enhancements; everything works without them.
(function () {
  "use strict";

  // After "Add", bring the new exercise into view; after a failed save, the error summary.
  var target = document.querySelector("[data-focus]") || document.getElementById("form-errors");
  if (target) {
    target.focus();
  }

  // Narrow the exercise picker as the person types, and pick the best match: a name that is
  // the text, then one that starts with it, then one that contains it ("knee-to-chest" picks
  // "Knee-to-chest stretch", not "Double knee-to-chest stretch").
  var filter = document.getElementById("add-exercise-filter");
  var select = document.getElementById("add-exercise");
  if (!filter || !select) {
    return;
  }

  function closeness(name, text) {
    var at = name.indexOf(text);
    if (at === -1) {
      return 0;
    }
    if (name === text) {
      return 3;
    }
    return at === 0 ? 2 : 1;
  }

  filter.classList.remove("d-none");
  filter.addEventListener("input", function () {
    var text = filter.value.trim().toLowerCase();
    var best = null;
    var bestCloseness = 0;
    select.querySelectorAll("optgroup").forEach(function (group) {
      var visible = 0;
      group.querySelectorAll("option").forEach(function (option) {
        var found = closeness(option.textContent.trim().toLowerCase(), text);
        option.hidden = !found;
        option.disabled = !found;
        if (found) {
          visible += 1;
        }
        if (found > bestCloseness) {
          best = option;
          bestCloseness = found;
        }
      });
      group.hidden = visible === 0;
    });
    if (text && best) {
      select.value = best.value;
    }
  });
})();
