// The pause/play button of the animated exercise figures (figures.css does the animation).
// Without JavaScript the button stays hidden and the figure still moves, or keeps still when
// the person asked for reduced motion.
(function () {
  "use strict";
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  function isMoving(figure) {
    return !figure.classList.contains("is-paused") &&
      (figure.classList.contains("is-playing") || !reduceMotion.matches);
  }

  function showState(figure, button) {
    button.textContent = isMoving(figure) ? button.dataset.labelPause : button.dataset.labelPlay;
  }

  document.querySelectorAll("[data-figure]").forEach(function (figure) {
    var button = figure.querySelector("[data-figure-toggle]");
    if (!button) {
      return;
    }
    button.hidden = false;
    showState(figure, button);
    button.addEventListener("click", function () {
      if (isMoving(figure)) {
        figure.classList.add("is-paused");
      } else {
        figure.classList.remove("is-paused");
        figure.classList.add("is-playing");
      }
      showState(figure, button);
    });
    reduceMotion.addEventListener("change", function () {
      showState(figure, button);
    });
  });
})();
