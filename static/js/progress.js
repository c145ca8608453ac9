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

  // Labels come from the server, written as the tables write dates ("7 Sep 2026", "Sep 2026").
  function periodLabel(value) {
    var label = data.periods[Math.round(value)];
    return Number.isInteger(value) && label ? label : "";
  }

  var xAxis = {
    type: "linear",
    min: -0.5,
    max: data.periods.length - 0.5,
    // The newest period always has a tick, and every so many before it: as many as fit.
    afterBuildTicks: function (axis) {
      var last = data.periods.length - 1;
      var fit = Math.max(2, Math.floor(axis.chart.width / 100));
      var every = Math.max(1, Math.ceil(data.periods.length / fit));
      axis.ticks = data.periods
        .map(function (_, index) { return { value: index }; })
        .filter(function (tick) { return (last - tick.value) % every === 0; });
    },
    ticks: { callback: periodLabel, maxRotation: 0, autoSkip: false },
  };
  var tooltip = {
    callbacks: {
      title: function (items) {
        return items.length ? periodLabel(Math.round(items[0].parsed.x)) : "";
      },
    },
  };
  var common = {
    // Numbers as the page's language writes them (1,5 in German); the dates come from the server.
    locale: document.documentElement.lang || "en",
    animation: reduceMotion ? false : { duration: 400 },
    maintainAspectRatio: false,
    plugins: { tooltip: tooltip },
  };
  // Points at 0 or 10 are drawn whole (not clipped by the plot's edge); bars leave headroom.
  var painAxis = { min: 0, max: 10, title: { display: true, text: data.labels.pain } };

  function weekly(values) {
    return values.map(function (value, index) {
      return { x: index, y: value };
    });
  }

  // Each day sits at its place inside its week's slot (the week's point is at the middle).
  function daily(key) {
    return data.days.map(function (day) {
      return { x: day.x - 0.5 + 1 / 14, y: day[key] };
    });
  }

  new window.Chart(document.getElementById("pain-chart"), {
    type: "line",
    data: {
      datasets: [
        { label: data.labels.before, data: weekly(data.painBefore), borderColor: before, backgroundColor: before, spanGaps: true, clip: false },
        { label: data.labels.after, data: weekly(data.painAfter), borderColor: brand, backgroundColor: brand, spanGaps: true, borderWidth: 3, clip: false },
        { label: data.labels.daily, data: daily("after"), type: "scatter", borderColor: brand, backgroundColor: "rgba(11, 85, 99, 0.35)", pointRadius: 3, clip: false },
      ].filter(function (dataset) { return dataset.data.length; }),
    },
    options: Object.assign({}, common, {
      layout: { padding: { top: 6, bottom: 2 } },
      scales: { x: xAxis, y: painAxis },
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
    options: Object.assign({}, common, { scales: { x: xAxis, y: { beginAtZero: true, grace: "10%", ticks: { precision: 0 } } } }),
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
        y: { beginAtZero: true, grace: "10%", position: "left", title: { display: true, text: data.labels.repetitions } },
        y2: { beginAtZero: true, grace: "10%", position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: data.labels.holdMinutes } },
      },
    }),
  });
})();
