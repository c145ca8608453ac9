// Draws the progress charts from the JSON the page embeds (json_script); tables hold the same data.
(function () {
  "use strict";
  var source = document.getElementById("progress-data");
  if (!source || !window.Chart) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var brand = "#0b5563";
  var before = "#8a4b08";
  var DAY = 24 * 60 * 60 * 1000;
  var firstWeek = data.weeks.length ? Date.parse(data.weeks[0]) : 0;

  function weekLabel(value) {
    var label = data.weeks[Math.round(value)];
    return Number.isInteger(value) && label ? label : "";
  }

  var every = Math.max(1, Math.ceil(data.weeks.length / 8));
  var xAxis = {
    type: "linear",
    min: -0.5,
    max: data.weeks.length - 0.5,
    // One tick per labelled week (at most eight), on whole numbers only.
    afterBuildTicks: function (axis) {
      axis.ticks = data.weeks
        .map(function (_, index) { return { value: index }; })
        .filter(function (tick) { return tick.value % every === 0; });
    },
    ticks: { callback: weekLabel },
  };
  var common = { animation: reduceMotion ? false : { duration: 400 }, maintainAspectRatio: false };

  function weekly(values) {
    return values.map(function (value, index) {
      return { x: index, y: value };
    });
  }

  function daily(key) {
    return data.days.map(function (day) {
      return { x: (Date.parse(day.date) - firstWeek) / DAY / 7 - 0.5 + 1 / 14, y: day[key] };
    });
  }

  new window.Chart(document.getElementById("pain-chart"), {
    type: "line",
    data: {
      datasets: [
        { label: data.labels.before, data: weekly(data.painBefore), borderColor: before, backgroundColor: before, spanGaps: true },
        { label: data.labels.after, data: weekly(data.painAfter), borderColor: brand, backgroundColor: brand, spanGaps: true, borderWidth: 3 },
        { label: data.labels.daily, data: daily("after"), type: "scatter", borderColor: brand, backgroundColor: "rgba(11, 85, 99, 0.35)", pointRadius: 3 },
      ],
    },
    options: Object.assign({}, common, {
      scales: { x: xAxis, y: { min: 0, max: 10, title: { display: true, text: data.labels.pain } } },
    }),
  });

  new window.Chart(document.getElementById("sessions-chart"), {
    type: "bar",
    data: {
      datasets: [
        { label: data.labels.sessions, data: weekly(data.sessions), backgroundColor: brand },
        {
          label: data.labels.goal,
          type: "line",
          data: weekly(data.sessions.map(function () { return data.goal; })),
          borderColor: before,
          borderDash: [6, 4],
          pointRadius: 0,
        },
      ],
    },
    options: Object.assign({}, common, { scales: { x: xAxis, y: { beginAtZero: true, ticks: { precision: 0 } } } }),
  });

  new window.Chart(document.getElementById("volume-chart"), {
    type: "bar",
    data: {
      datasets: [
        { label: data.labels.repetitions, data: weekly(data.repetitions), backgroundColor: brand, yAxisID: "y" },
        { label: data.labels.holdMinutes, data: weekly(data.holdMinutes), backgroundColor: before, yAxisID: "y2" },
      ],
    },
    options: Object.assign({}, common, {
      scales: {
        x: xAxis,
        y: { beginAtZero: true, position: "left", title: { display: true, text: data.labels.repetitions } },
        y2: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: data.labels.holdMinutes } },
      },
    }),
  });
})();
