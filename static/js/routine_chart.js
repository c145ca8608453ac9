// Pain before and after each session of a routine, spaced by date; the page lists the same
// sessions as text. Dates and words come from the server.
(function () {
  "use strict";
  var source = document.getElementById("routine-data");
  if (!source || !window.Chart) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var byDay = {};
  data.sessions.forEach(function (session) {
    byDay[session.x] = session.date;
  });
  var last = data.sessions.length ? data.sessions[data.sessions.length - 1].x : 0;

  function points(key) {
    return data.sessions.map(function (session) {
      return { x: session.x, y: session[key] };
    });
  }

  new window.Chart(document.getElementById("routine-chart"), {
    type: "line",
    data: {
      datasets: [
        { label: data.labels.before, data: points("before"), borderColor: "#8a4b08", backgroundColor: "#8a4b08", clip: false },
        { label: data.labels.after, data: points("after"), borderColor: "#0b5563", backgroundColor: "#0b5563", borderWidth: 3, clip: false },
      ],
    },
    options: {
      // Numbers as the page's language writes them (1,5 in German); the dates come from the server.
      locale: document.documentElement.lang || "en",
      animation: reduceMotion ? false : { duration: 400 },
      maintainAspectRatio: false,
      layout: { padding: { top: 6, right: 8 } },
      plugins: {
        tooltip: {
          callbacks: {
            title: function (items) {
              return items.length ? byDay[items[0].parsed.x] || "" : "";
            },
          },
        },
      },
      scales: {
        // Ticks only on days with a session, so each label is a date the table also shows.
        x: {
          type: "linear",
          min: 0,
          max: Math.max(last, 1),
          afterBuildTicks: function (axis) {
            var days = Object.keys(byDay).map(Number);
            var fit = Math.max(2, Math.floor(axis.chart.width / 100));
            var every = Math.max(1, Math.ceil(days.length / fit));
            axis.ticks = days
              .filter(function (_, index) { return (days.length - 1 - index) % every === 0; })
              .map(function (day) { return { value: day }; });
          },
          ticks: { maxRotation: 0, autoSkip: false, callback: function (value) { return byDay[value] || ""; } },
        },
        y: { min: 0, max: 10, title: { display: true, text: data.labels.pain } },
      },
    },
  });
})();
