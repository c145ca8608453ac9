// Log-a-session form: small enhancements; everything works without them.
(function () {
  "use strict";

  // After "Add", bring the new exercise into view; after a failed save, the error summary.
  var target = document.querySelector("[data-focus]") || document.getElementById("form-errors");
  if (target) {
    target.focus();
  }

  // Narrow the exercise picker as the person types.
  var filter = document.getElementById("add-exercise-filter");
  var select = document.getElementById("add-exercise");
  if (!filter || !select) {
    return;
  }
  filter.classList.remove("d-none");
  filter.addEventListener("input", function () {
    var text = filter.value.trim().toLowerCase();
    var firstMatch = null;
    select.querySelectorAll("optgroup").forEach(function (group) {
      var visible = 0;
      group.querySelectorAll("option").forEach(function (option) {
        var match = option.textContent.toLowerCase().indexOf(text) !== -1;
        option.hidden = !match;
        option.disabled = !match;
        if (match) {
          visible += 1;
          firstMatch = firstMatch || option;
        }
      });
      group.hidden = visible === 0;
    });
    if (text && firstMatch) {
      select.value = firstMatch.value;
    }
  });
})();
