// Draws the activities chart (PSFS) from the JSON the progress page embeds; the table beside it
// holds the same numbers.
(function () {
  "use strict";
  var source = document.getElementById("function-data");
  var canvas = document.getElementById("function-chart");
  if (!source || !canvas || !window.Chart) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var colours = ["#8a4b08", "#5c3d99", "#1a6b3c", "#9c2c4a", "#445566"];
  var datasets = data.activities.map(function (activity, index) {
    return {
      label: activity.name,
      data: activity.scores,
      borderColor: colours[index % colours.length],
      backgroundColor: colours[index % colours.length],
      borderDash: [4, 3],
      spanGaps: true,
    };
  });
  datasets.push({
    label: data.labels.mean, data: data.mean, borderColor: "#0b5563",
    backgroundColor: "#0b5563", borderWidth: 3,
  });
  new window.Chart(canvas, {
    type: "line",
    data: { labels: data.dates, datasets: datasets },
    options: {
      // Numbers as the page's language writes them (1,5 in German); the dates come from the server.
      locale: document.documentElement.lang || "en",
      animation: reduceMotion ? false : { duration: 400 },
      maintainAspectRatio: false,
      scales: { y: { min: 0, max: 10, title: { display: true, text: data.labels.axis } } },
    },
  });
})();
