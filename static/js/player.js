// The guided session player. State lives in localStorage, so a reload resumes where it was; the
// finished session is posted to the logbook's form view (same fields as the typed-in form).
(function () {
  "use strict";
  var root = document.getElementById("player");
  var dataNode = document.getElementById("player-data");
  if (!root || !dataNode) {
    return;
  }
  var data = JSON.parse(dataNode.textContent);
  var text = JSON.parse(document.getElementById("player-labels").textContent);
  var items = data.items;
  var form = document.getElementById("player-form");
  var announcer = document.getElementById("player-announcer");
  var RELEASE_SECONDS = 3;
  var timer = null;

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return values[key];
    });
  }

  function fresh() {
    return {
      phase: "before", index: 0, step: 0, remaining: null, releasing: false, running: false,
      painBefore: null, entries: [], hurt: false,
      token: form.elements.submission_token.value,
      signature: data.signature,
    };
  }

  var state;
  try {
    state = JSON.parse(window.localStorage.getItem(data.storageKey));
  } catch (error) {
    state = null;
  }
  var usable = state && state.phase &&
    JSON.stringify(state.signature) === JSON.stringify(data.signature) &&
    state.index >= 0 && state.index <= items.length &&
    data.savedTokens.indexOf(state.token) === -1;
  if (!usable) {
    state = fresh();
  }
  var restored = state.phase !== "before";
  // A reload pauses a hold (nothing done so far is lost); a rest simply carries on.
  state.running = state.phase === "rest";
  form.elements.submission_token.value = state.token;

  function save() {
    try {
      window.localStorage.setItem(data.storageKey, JSON.stringify(state));
    } catch (error) {
      // Private browsing without storage: the player still works, it just cannot resume.
    }
  }

  function announce(message) {
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = message;
    }, 50);
  }

  function field(name) {
    return root.querySelector('[data-field="' + name + '"]');
  }

  function item() {
    return items[state.index];
  }

  // Every hold or repetition of the current exercise, in order: sets, then sides, then reps.
  function plan(current) {
    var sides = current.perSide ? ["left", "right"] : [null];
    var steps = [];
    for (var set = 1; set <= current.sets; set += 1) {
      sides.forEach(function (side) {
        for (var rep = 1; rep <= current.repetitions; rep += 1) {
          steps.push({ set: set, side: side, rep: rep });
        }
      });
    }
    return steps;
  }

  function counterText(current, step) {
    var parts = [];
    if (current.sets > 1) {
      parts.push(fmt(text.setOf, { n: step.set, total: current.sets }));
    }
    parts.push(step.side
      ? fmt(text.sideRepOf, { side: text[step.side], n: step.rep, total: current.repetitions })
      : fmt(text.repOf, { n: step.rep, total: current.repetitions }));
    return parts.join(" · ");
  }

  function checkedValue(name) {
    var checked = root.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : null;
  }

  function showPhase(phase, focus) {
    root.querySelectorAll("[data-phase]").forEach(function (section) {
      section.hidden = section.getAttribute("data-phase") !== phase;
    });
    if (focus) {
      var heading = root.querySelector('[data-phase="' + phase + '"] h2');
      if (heading) {
        heading.focus();
      }
    }
  }

  // The whole exercise view: on entering an exercise (or a reload), not on every tick.
  function renderExercise() {
    var current = item();
    field("progress").textContent = fmt(text.exerciseOf, { n: state.index + 1, total: items.length });
    field("name").textContent = current.name;
    field("dosage").textContent = current.dosage;
    root.querySelectorAll("[data-figure-for]").forEach(function (figure) {
      figure.hidden = Number(figure.getAttribute("data-figure-for")) !== state.index;
    });
    var list = field("steps");
    list.textContent = "";
    current.steps.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      list.appendChild(li);
    });
    root.querySelector('[data-action="toggle"]').hidden = !current.holdSeconds;
    root.querySelector('[data-action="count"]').hidden = Boolean(current.holdSeconds);
    renderClock();
  }

  // Only what changes while an exercise runs: the counter, the clock and the button's label.
  function renderClock() {
    var current = item();
    var steps = plan(current);
    field("counter").textContent = counterText(current, steps[Math.min(state.step, steps.length - 1)]);
    var toggle = root.querySelector('[data-action="toggle"]');
    if (current.holdSeconds) {
      var remaining = state.remaining === null ? current.holdSeconds : state.remaining;
      field("clock").textContent = state.releasing ? "…" : remaining + " s";
      toggle.textContent = state.running ? text.pause : (state.remaining === null ? text.startHold : text.resume);
    } else {
      field("clock").textContent = "";
    }
  }

  function render(focus) {
    stopClock();
    if (state.phase === "exercise") {
      renderExercise();
    } else if (state.phase === "rest") {
      field("rest-clock").textContent = state.remaining + " s";
      field("up-next").textContent = fmt(text.upNext, { name: items[state.index].name });
    } else if (state.phase === "rate") {
      var current = item();
      var advice = field("hurt-advice");
      advice.hidden = !state.hurt;
      field("easier").textContent = current.ifItHurts;
      root.querySelectorAll('input[name="pain_during"]').forEach(function (input) {
        input.checked = false;
      });
    }
    showPhase(state.phase, focus);
    if (state.running) {
      startClock();
    }
    save();
  }

  function stopClock() {
    if (timer) {
      window.clearInterval(timer);
      timer = null;
    }
  }

  function startClock() {
    stopClock();
    timer = window.setInterval(tick, 1000);
  }

  function tick() {
    if (state.phase === "rest") {
      state.remaining -= 1;
      if (state.remaining <= 0) {
        beginExercise();
        return;
      }
      field("rest-clock").textContent = state.remaining + " s";
      save();
      return;
    }
    var current = item();
    state.remaining -= 1;
    if (state.releasing) {
      if (state.remaining <= 0) {
        state.releasing = false;
        state.remaining = current.holdSeconds;
        announce(fmt(text.holdFor, { counter: counterText(current, plan(current)[state.step]), seconds: current.holdSeconds }));
      }
    } else if (state.remaining <= 0) {
      completeStep();
      return;
    } else if (state.remaining === 10 && current.holdSeconds > 15) {
      announce(fmt(text.secondsLeft, { seconds: 10 }));
    } else if (state.remaining === 5 && current.holdSeconds > 8) {
      announce(fmt(text.secondsLeft, { seconds: 5 }));
    }
    renderClock();
    save();
  }

  function completeStep() {
    var current = item();
    state.step += 1;
    if (state.step >= plan(current).length) {
      finishExercise("completed");
      return;
    }
    if (current.holdSeconds) {
      // Release, then the next hold starts by itself; Pause stops it.
      state.releasing = true;
      state.remaining = Math.min(RELEASE_SECONDS, current.holdSeconds);
      announce(text.release);
    }
    renderClock();
    save();
  }

  function beginExercise() {
    state.phase = "exercise";
    state.step = 0;
    state.remaining = null;
    state.releasing = false;
    state.running = false;
    state.hurt = false;
    render(true);
  }

  function finishExercise(status) {
    var current = item();
    var stopped = status === "stopped";
    var step = plan(current)[Math.min(state.step, plan(current).length - 1)];
    state.pending = {
      exercise: current.exercise,
      // A stopped exercise records the set and side it was stopped in, with the repetitions
      // finished there, so the week's totals do not count what was not done.
      sets: stopped ? 1 : current.sets,
      repetitions: stopped ? step.rep - 1 : current.repetitions,
      hold_seconds: current.holdSeconds || "",
      side: stopped ? (step.side || "na") : (current.perSide ? "both" : "na"),
      status: status,
      sharp_pain: stopped,
    };
    state.running = false;
    state.phase = "rate";
    render(true);
  }

  function nextExercise() {
    state.index += 1;
    if (state.index >= items.length) {
      state.phase = "after";
      render(true);
      return;
    }
    if (data.restSeconds > 0) {
      state.phase = "rest";
      state.remaining = data.restSeconds;
      state.running = true;
      announce(fmt(text.restFor, { seconds: data.restSeconds }) + " " + fmt(text.upNext, { name: items[state.index].name }));
      render(true);
    } else {
      beginExercise();
    }
  }

  function recordRating() {
    var pain = checkedValue("pain_during");
    var error = root.querySelector('[data-error="pain_during"]');
    error.hidden = pain !== null;
    if (pain === null) {
      return false;
    }
    state.pending.pain_during = pain;
    state.entries.push(state.pending);
    state.pending = null;
    return true;
  }

  function addHidden(name, value) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }

  var actions = {
    begin: function () {
      var pain = checkedValue("pain_before");
      root.querySelector('[data-error="pain_before"]').hidden = pain !== null;
      if (pain === null) {
        return;
      }
      state.painBefore = pain;
      beginExercise();
    },
    toggle: function () {
      var current = item();
      if (state.remaining === null) {
        state.remaining = current.holdSeconds;
        announce(fmt(text.holdFor, { counter: counterText(current, plan(current)[state.step]), seconds: current.holdSeconds }));
      } else if (state.running) {
        announce(text.paused);
      }
      state.running = !state.running;
      render(false);
    },
    count: function () {
      completeStep();
      if (state.phase === "exercise") {
        announce(field("counter").textContent);
      }
    },
    skip: function () {
      nextExercise();
    },
    hurt: function () {
      state.hurt = true;
      finishExercise("stopped");
    },
    next: function () {
      if (recordRating()) {
        nextExercise();
      }
    },
    finish: function () {
      if (recordRating()) {
        state.phase = "after";
        render(true);
      }
    },
    "end-rest": function () {
      beginExercise();
    },
    save: function () {
      var painAfter = checkedValue("pain_after");
      var effort = checkedValue("player_effort");
      root.querySelector('[data-error="nothing"]').hidden = state.entries.length > 0;
      root.querySelector('[data-error="after"]').hidden = Boolean(painAfter && effort);
      if (!painAfter || !effort || state.entries.length === 0) {
        return;
      }
      addHidden("pain_before", state.painBefore);
      addHidden("pain_after", painAfter);
      addHidden("effort", effort);
      addHidden("entries-TOTAL_FORMS", state.entries.length);
      addHidden("entries-INITIAL_FORMS", 0);
      state.entries.forEach(function (entry, index) {
        Object.keys(entry).forEach(function (key) {
          if (key === "sharp_pain") {
            if (entry.sharp_pain) {
              addHidden("entries-" + index + "-sharp_pain", "on");
            }
          } else {
            addHidden("entries-" + index + "-" + key, entry[key]);
          }
        });
      });
      // The state stays until the server has the session (see savedTokens): a failed post,
      // offline on a phone, loses nothing, and posting it again cannot make a duplicate.
      state.phase = "after";
      save();
      form.submit();
    },
    discard: function () {
      if (window.confirm(text.discardConfirm)) {
        window.localStorage.removeItem(data.storageKey);
        window.location.reload();
      }
    },
  };

  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (button && actions[button.getAttribute("data-action")]) {
      actions[button.getAttribute("data-action")]();
    }
  });

  root.hidden = false;
  root.querySelector("[data-start-over]").hidden = false;
  if (state.phase === "before" && state.painBefore !== null) {
    var saved = root.querySelector('input[name="pain_before"][value="' + state.painBefore + '"]');
    if (saved) {
      saved.checked = true;
    }
  }
  render(restored);
  if (restored) {
    announce(text.restored);
  }
})();
