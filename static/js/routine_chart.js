// Pain before and after each session of a routine; the page lists the same sessions as text.
(function () {
  "use strict";
  var source = document.getElementById("routine-data");
  if (!source || !window.Chart) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  new window.Chart(document.getElementById("routine-chart"), {
    type: "line",
    data: {
      labels: data.sessions.map(function (s) { return s.date; }),
      datasets: [
        { label: data.labels.before, data: data.sessions.map(function (s) { return s.before; }), borderColor: "#8a4b08", backgroundColor: "#8a4b08" },
        { label: data.labels.after, data: data.sessions.map(function (s) { return s.after; }), borderColor: "#0b5563", backgroundColor: "#0b5563", borderWidth: 3 },
      ],
    },
    options: {
      animation: reduceMotion ? false : { duration: 400 },
      maintainAspectRatio: false,
      scales: { y: { min: 0, max: 10 } },
    },
  });
})();
