// The guided session player: the page around static/js/player_core.js. State lives in
// localStorage, so a reload resumes where it was; the finished session is posted to the logbook's
// form view with the field names the server hands over (player-data's "contract").
(function () {
  "use strict";
  var core = window.BackcarePlayer;
  var root = document.getElementById("player");
  var dataNode = document.getElementById("player-data");
  if (!root || !dataNode || !core) {
    return;
  }
  var data = JSON.parse(dataNode.textContent);
  var contract = data.contract;
  var levels = data.levels;
  var words = data.words;
  var form = document.getElementById("player-form");
  var announcer = document.getElementById("player-announcer");
  var TICK_MS = 250;
  var timer = null;
  var announcedAt = null;

  var state;
  try {
    state = JSON.parse(window.localStorage.getItem(data.storageKey));
  } catch (error) {
    state = null;
  }
  if (!core.usable(state, data.signature, data.savedTokens)) {
    // A new token for each new session: this page may be a copy kept for offline use, whose
    // own token an earlier session already took (static/js/outbox.js).
    var outbox = window.BackcareOutbox;
    state = core.fresh(outbox && outbox.newToken ? outbox.newToken() : form.elements.submission_token.value,
      data.signature, data.items);
  }
  var items = state.items;
  var restored = state.phase !== "before";
  // A reload pauses a hold (nothing done so far is lost); a rest simply carries on.
  if (state.clock && state.clock.kind !== "rest") {
    core.pause(state, Date.now());
  }
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

  function counter() {
    return core.counterText(item(), core.currentStep(state, item()), words);
  }

  function fillList(list, lines) {
    list.textContent = "";
    lines.forEach(function (line) {
      var li = document.createElement("li");
      li.textContent = line;
      list.appendChild(li);
    });
  }

  // The whole exercise view: on entering an exercise (or a reload), not on every tick.
  function renderExercise() {
    var current = item();
    field("progress").textContent = core.fmt(words.exerciseOf, { n: state.index + 1, total: items.length });
    field("name").textContent = current.name;
    field("dosage").textContent = current.dosage;
    var caution = field("caution");
    caution.hidden = !current.caution;
    caution.textContent = current.caution;
    root.querySelectorAll("[data-figure-for]").forEach(function (figure) {
      figure.hidden = Number(figure.getAttribute("data-figure-for")) !== current.exercise;
    });
    fillList(field("steps"), current.steps);
    fillList(field("safety"), current.safety);
    fillList(field("precautions"), current.precautions);
    root.querySelector('[data-action="toggle"]').hidden = !current.holdSeconds;
    root.querySelector('[data-action="count"]').hidden = Boolean(current.holdSeconds);
    renderClock();
  }

  // Only what changes while an exercise runs: the counter, the clock and the button's label.
  function renderClock() {
    var now = Date.now();
    if (state.phase === "rest") {
      field("rest-clock").textContent = core.fmt(words.secondsShort, { seconds: core.secondsLeft(state, now) });
      return;
    }
    var current = item();
    field("counter").textContent = counter();
    var toggle = root.querySelector('[data-action="toggle"]');
    if (!current.holdSeconds) {
      field("clock").textContent = "";
      return;
    }
    var releasing = state.clock && state.clock.kind === "release";
    field("clock").textContent = releasing ? "…" : core.fmt(words.secondsShort, {
      seconds: state.clock ? core.secondsLeft(state, now) : current.holdSeconds,
    });
    toggle.textContent = core.isRunning(state) ? words.pause : (state.clock ? words.resume : words.startHold);
  }

  function render(focus) {
    if (state.phase === "exercise") {
      renderExercise();
    } else if (state.phase === "rest") {
      renderClock();
      field("up-next").textContent = core.fmt(words.upNext, { name: items[state.index].name });
    } else if (state.phase === "rate") {
      field("hurt-advice").hidden = !state.hurt;
      root.querySelectorAll('input[name="pain_during"], input[name="sharp_pain"]').forEach(function (input) {
        input.checked = false;
      });
    } else if (state.phase === "flare") {
      field("flare-heading").textContent = core.fmt(words.flareHeading, { pain: state.painBefore });
    } else if (state.phase === "respond") {
      renderResponse();
    } else if (state.phase === "after") {
      renderAfter();
    }
    showPhase(state.phase, focus);
    // Nothing to discard before the session has started.
    root.querySelector("[data-start-over]").hidden = state.phase === "before";
    runClock();
    save();
  }

  // An exercise hurt: what happened, the advice, and what to do now.
  function renderResponse() {
    var current = item();
    var entry = state.entries[state.entries.length - 1];
    var response = core.hurtResponse(state, current, levels);
    var flagged = core.isFlagged(entry, levels);
    var values = { name: current.name, pain: entry.pain_during };
    field("respond-heading").textContent = flagged ? words.respondTooMuch : words.respondStopped;
    field("respond-why").textContent = core.fmt(
      entry.sharp_pain ? words.respondSharp : (flagged ? words.respondWhy : words.respondStoppedWhy), values
    );
    // Within acceptable pain, the dose is kept rather than lowered: the server's words for both.
    field("respond-advice").textContent = flagged ? response.advice : current.ifStopped;
    var easier = root.querySelector('[data-action="take-easier"]');
    easier.hidden = !response.easier;
    easier.textContent = response.easier ? core.fmt(words.tryInstead, { name: response.easier.name }) : "";
    root.querySelector('[data-action="move-on"]').hidden = state.index >= items.length - 1;
  }

  // The end: never "well done" over a session that hurt without saying what to do about it.
  function renderAfter() {
    var hurt = core.flaggedExercises(state, levels);
    var well = core.anythingDone(state, contract) && !hurt.length;
    field("after-heading").textContent = well ? words.afterWell : words.afterPlain;
    field("after-advice").hidden = !hurt.length;
    var seen = [];
    fillList(field("after-advice-list"), items.filter(function (candidate) {
      var first = hurt.indexOf(candidate.exercise) !== -1 && seen.indexOf(candidate.exercise) === -1;
      seen.push(candidate.exercise);
      return first;
    }).map(function (candidate) {
      return candidate.name + ": " + core.hurtResponse(state, candidate, levels).advice;
    }));
  }

  function runClock() {
    if (core.isRunning(state) && !timer) {
      timer = window.setInterval(tick, TICK_MS);
    } else if (!core.isRunning(state) && timer) {
      window.clearInterval(timer);
      timer = null;
    }
  }

  function announceCountdown() {
    var current = item();
    var left = core.secondsLeft(state, Date.now());
    if (state.phase !== "exercise" || !state.clock || state.clock.kind !== "hold" || left === announcedAt) {
      return;
    }
    if ((left === 10 && current.holdSeconds > 15) || (left === 5 && current.holdSeconds > 8)) {
      announcedAt = left;
      announce(core.fmt(words.secondsLeft, { seconds: left }));
    }
  }

  function tick() {
    var phase = state.phase;
    var events = core.advance(state, contract, Date.now());
    if (state.phase !== phase) {
      render(true);
      return;
    }
    var last = events[events.length - 1];
    if (last === "release") {
      announce(words.release);
    } else if (last === "hold") {
      announce(core.fmt(words.holdFor, { counter: counter(), seconds: item().holdSeconds }));
    }
    announceCountdown();
    renderClock();
    if (events.length) {
      save();
    }
  }

  function nextExercise() {
    core.nextExercise(state, data.restSeconds, Date.now());
    if (state.phase === "rest") {
      announce(core.fmt(words.restFor, { seconds: data.restSeconds }) + " " +
        core.fmt(words.upNext, { name: items[state.index].name }));
    }
    render(true);
  }

  function recordRating() {
    var pain = checkedValue("pain_during");
    root.querySelector('[data-error="pain_during"]').hidden = pain !== null;
    if (pain === null) {
      return false;
    }
    core.recordRating(state, pain, root.querySelector('input[name="sharp_pain"]').checked);
    return true;
  }

  var actions = {
    begin: function () {
      var pain = checkedValue("pain_before");
      root.querySelector('[data-error="pain_before"]').hidden = pain !== null;
      if (pain === null) {
        return;
      }
      core.start(state, pain, Date.now());
      if (core.isHighBefore(pain, levels) && !data.isFlareRoutine) {
        state.phase = "flare";
      } else {
        core.beginExercise(state);
      }
      render(true);
    },
    "carry-on": function () {
      core.beginExercise(state);
      render(true);
    },
    toggle: function () {
      var now = Date.now();
      if (!state.clock) {
        core.startClock(state, "hold", item().holdSeconds, now);
        announce(core.fmt(words.holdFor, { counter: counter(), seconds: item().holdSeconds }));
      } else if (core.isRunning(state)) {
        core.pause(state, now);
        announce(words.paused);
      } else {
        core.resume(state, now);
      }
      render(false);
    },
    count: function () {
      if (core.completeStep(state, item(), Date.now()) === "done") {
        core.finishExercise(state, item(), contract.status.completed, contract);
        render(true);
        return;
      }
      render(false);
      announce(field("counter").textContent);
    },
    skip: function () {
      core.skipExercise(state, item(), contract);
      nextExercise();
    },
    hurt: function () {
      core.finishExercise(state, item(), contract.status.stopped, contract);
      state.hurt = true;
      render(true);
    },
    next: function () {
      if (!recordRating()) {
        return;
      }
      if (core.needsResponse(state.entries[state.entries.length - 1], levels, contract)) {
        state.phase = "respond";
        render(true);
      } else {
        nextExercise();
      }
    },
    "take-easier": function () {
      core.takeEasier(state, core.hurtResponse(state, item(), levels).easier);
      nextExercise();
    },
    "move-on": function () {
      nextExercise();
    },
    "finish-now": function () {
      state.phase = "after";
      render(true);
    },
    finish: function () {
      if (recordRating()) {
        state.phase = "after";
        render(true);
      }
    },
    "end-rest": function () {
      core.beginExercise(state);
      render(true);
    },
    save: function () {
      var painAfter = checkedValue("pain_after");
      var effort = checkedValue("player_effort");
      var done = core.anythingDone(state, contract);
      root.querySelector('[data-error="nothing"]').hidden = done;
      root.querySelector('[data-error="after"]').hidden = Boolean(painAfter && effort);
      if (!painAfter || !effort || !done) {
        return;
      }
      core.formFields(state, { painAfter: painAfter, effort: effort }, contract).forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = pair[0];
        input.value = pair[1];
        form.appendChild(input);
      });
      // The state stays until the server has the session (see savedTokens): a failed post,
      // offline on a phone, loses nothing, and posting it again cannot make a duplicate.
      // Offline, static/js/outbox.js keeps the session on this device instead ("backcare:kept").
      save();
      form.requestSubmit();
    },
    discard: function () {
      if (window.confirm(words.discardConfirm)) {
        window.localStorage.removeItem(data.storageKey);
        window.location.reload();
      }
    },
  };

  // The outbox has the session now: this player starts afresh next time.
  form.addEventListener("backcare:kept", function () {
    window.clearInterval(timer);
    window.localStorage.removeItem(data.storageKey);
  });

  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (button && actions[button.getAttribute("data-action")]) {
      actions[button.getAttribute("data-action")]();
    }
  });
  // Back from a locked screen or another tab: catch up with the clock at once.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && core.isRunning(state)) {
      tick();
    }
  });

  root.hidden = false;
  if (state.phase === "before" && state.painBefore !== null) {
    var saved = root.querySelector('input[name="pain_before"][value="' + state.painBefore + '"]');
    if (saved) {
      saved.checked = true;
    }
  }
  render(restored);
  if (restored) {
    announce(words.restored);
  }
})();
