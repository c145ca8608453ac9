// The guided player's logic, without the page: the plan of an exercise, its counters, the clock
// and what is saved. Time comes in as `now` (milliseconds) and the clock runs to deadlines, so a
// locked phone or a slow tab never stretches a hold. The server's contract (field names, choice
// values, words) comes in as arguments: nothing here knows Django's form layout.
// Runs in the browser (window.BackcarePlayer) and under node --test (tests/js/).
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.BackcarePlayer = factory();
  }
})(this, function () {
  "use strict";

  var RELEASE_SECONDS = 3;

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return values[key];
    });
  }

  // Every hold or repetition of an exercise, in order: sets, then sides, then repetitions.
  function plan(item) {
    var sides = item.perSide ? ["left", "right"] : [null];
    var steps = [];
    for (var set = 1; set <= item.sets; set += 1) {
      sides.forEach(function (side) {
        for (var rep = 1; rep <= item.repetitions; rep += 1) {
          steps.push({ set: set, side: side, rep: rep });
        }
      });
    }
    return steps;
  }

  function currentStep(state, item) {
    var steps = plan(item);
    return steps[Math.min(state.step, steps.length - 1)];
  }

  function counterText(item, step, words) {
    var parts = [];
    if (item.sets > 1) {
      parts.push(fmt(words.setOf, { n: step.set, total: item.sets }));
    }
    parts.push(step.side
      ? fmt(words.sideRepOf, { side: words[step.side], n: step.rep, total: item.repetitions })
      : fmt(words.repOf, { n: step.rep, total: item.repetitions }));
    return parts.join(" · ");
  }

  // A new session over the routine's items; an easier variation taken up on the way joins them.
  function fresh(token, signature, items) {
    return {
      phase: "before", index: 0, step: 0, clock: null, painBefore: null, startedAt: null,
      entries: [], pending: null, hurt: false, token: token, signature: signature,
      items: items.slice(),
    };
  }

  // The session starts with the pain before it, at `now` (milliseconds): its start time.
  function start(state, pain, now) {
    state.painBefore = pain;
    state.startedAt = now;
  }

  // The date and time (HH:MM) a moment falls on in the person's time zone (the server's name).
  function localDateTime(ms, timeZone) {
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: timeZone, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date(ms)).forEach(function (part) {
      parts[part.type] = part.value;
    });
    return {
      date: parts.year + "-" + parts.month + "-" + parts.day,
      time: parts.hour + ":" + parts.minute,
    };
  }

  // A clock runs to `endsAt`; a paused one keeps `leftMs` instead.
  function isRunning(state) {
    return Boolean(state.clock && state.clock.endsAt !== null);
  }

  function secondsLeft(state, now) {
    var clock = state.clock;
    if (!clock) {
      return null;
    }
    var left = clock.endsAt !== null ? clock.endsAt - now : clock.leftMs;
    return Math.max(0, Math.ceil(left / 1000));
  }

  function startClock(state, kind, seconds, now) {
    state.clock = { kind: kind, endsAt: now + seconds * 1000, leftMs: null };
  }

  function pause(state, now) {
    if (isRunning(state)) {
      state.clock.leftMs = Math.max(0, state.clock.endsAt - now);
      state.clock.endsAt = null;
    }
  }

  function resume(state, now) {
    if (state.clock && state.clock.endsAt === null) {
      state.clock.endsAt = now + state.clock.leftMs;
      state.clock.leftMs = null;
    }
  }

  function beginExercise(state) {
    state.phase = "exercise";
    state.step = 0;
    state.clock = null;
    state.hurt = false;
  }

  // The entry for an exercise at its planned dose.
  function plannedEntry(item, status, contract) {
    return {
      exercise: item.exercise,
      sets: item.sets,
      repetitions: item.repetitions,
      hold_seconds: item.holdSeconds || "",
      side: item.perSide ? contract.side.both : contract.side.none,
      status: status,
      sharp_pain: false,
    };
  }

  // The entry for the exercise just done. A stopped one records the set and side it was stopped
  // in, with the repetitions finished there, so the week's totals do not count what was not done.
  function finishExercise(state, item, status, contract) {
    var entry = plannedEntry(item, status, contract);
    if (status === contract.status.stopped) {
      var step = currentStep(state, item);
      entry.sets = 1;
      entry.repetitions = step.rep - 1;
      entry.side = step.side ? contract.side[step.side] : contract.side.none;
    }
    state.pending = entry;
    state.clock = null;
    state.phase = "rate";
  }

  // An exercise skipped is kept, as skipped, at its planned dose and with no pain to rate.
  function skipExercise(state, item, contract) {
    var entry = plannedEntry(item, contract.status.skipped, contract);
    entry.pain_during = "";
    state.entries.push(entry);
    state.clock = null;
  }

  // Whether anything was done (finished or stopped), by the server's list: only then is there
  // a session to save.
  function anythingDone(state, contract) {
    return state.entries.some(function (entry) {
      return contract.done.indexOf(entry.status) !== -1;
    });
  }

  // Count one hold or repetition done; returns "done" when it was the exercise's last.
  function completeStep(state, item, now) {
    var endedAt = isRunning(state) ? state.clock.endsAt : now;
    state.step += 1;
    if (state.step >= plan(item).length) {
      return "done";
    }
    if (item.holdSeconds) {
      // Release, then the next hold starts by itself: its time runs from the last deadline.
      state.clock = {
        kind: "release", endsAt: endedAt + Math.min(RELEASE_SECONDS, item.holdSeconds) * 1000, leftMs: null,
      };
      return "release";
    }
    return "counted";
  }

  // Bring the state up to `now`, following every deadline that has passed, in order. Returns the
  // events that happened ("hold", "release", "done", "rested"), for the page to announce.
  function advance(state, contract, now) {
    var events = [];
    while (isRunning(state) && now >= state.clock.endsAt) {
      var clock = state.clock;
      if (clock.kind === "rest") {
        beginExercise(state);
        events.push("rested");
        break;
      }
      var item = state.items[state.index];
      if (clock.kind === "release") {
        state.clock = { kind: "hold", endsAt: clock.endsAt + item.holdSeconds * 1000, leftMs: null };
        events.push("hold");
        continue;
      }
      var outcome = completeStep(state, item, now);
      events.push(outcome);
      if (outcome === "done") {
        finishExercise(state, item, contract.status.completed, contract);
        break;
      }
    }
    return events;
  }

  // The server's lookup of the pain model (levels): the player applies it, it sets no limit.
  function isFlagged(entry, levels) {
    return Boolean(entry.sharp_pain) || levels.tooMuchDuring.indexOf(Number(entry.pain_during)) !== -1;
  }

  // The player answers at once after an exercise that hurt (flagged) or was stopped.
  function needsResponse(entry, levels, contract) {
    return isFlagged(entry, levels) || entry.status === contract.status.stopped;
  }

  function isHighBefore(pain, levels) {
    return levels.highBefore.indexOf(Number(pain)) !== -1;
  }

  function flaggedExercises(state, levels) {
    return state.entries.filter(function (entry) {
      return isFlagged(entry, levels);
    }).map(function (entry) {
      return entry.exercise;
    });
  }

  // What to offer after an exercise hurt: the server's advice, and the easier variation to try
  // now, unless that too hurt in this session (then the server's other advice: rest it).
  function hurtResponse(state, item, levels) {
    var easierHurt = Boolean(item.easier) && flaggedExercises(state, levels).indexOf(item.easier.exercise) !== -1;
    return {
      advice: easierHurt ? item.ifEasierHurt : item.ifItHurts,
      easier: easierHurt ? null : item.easier,
    };
  }

  // Take up the easier variation: it comes next, at its own starting dose.
  function takeEasier(state, item) {
    state.items.splice(state.index + 1, 0, item);
  }

  // After rating an exercise: the next one (after a rest), or the end.
  function nextExercise(state, restSeconds, now) {
    state.index += 1;
    if (state.index >= state.items.length) {
      state.phase = "after";
      state.clock = null;
    } else if (restSeconds > 0) {
      state.phase = "rest";
      startClock(state, "rest", restSeconds, now);
    } else {
      beginExercise(state);
    }
  }

  // Pain during the exercise just done, and whether it was sharp (the person says so).
  function recordRating(state, pain, sharp) {
    state.pending.pain_during = pain;
    state.pending.sharp_pain = Boolean(sharp);
    state.entries.push(state.pending);
    state.pending = null;
  }

  // What the form posts, as [name, value] pairs named by the server's contract.
  function formFields(state, answers, contract) {
    var started = localDateTime(state.startedAt, contract.timeZone);
    var fields = [
      [contract.fields.date, started.date],
      [contract.fields.startedAt, started.time],
      [contract.fields.painBefore, state.painBefore],
      [contract.fields.painAfter, answers.painAfter],
      [contract.fields.effort, answers.effort],
      [contract.fields.totalForms, state.entries.length],
      [contract.fields.initialForms, 0],
    ];
    state.entries.forEach(function (entry, index) {
      Object.keys(contract.entryFields).forEach(function (key) {
        var name = contract.entryFields[key].replace(contract.prefixPlaceholder, String(index));
        if (key === "sharp_pain") {
          if (entry.sharp_pain) {
            fields.push([name, contract.checked]);
          }
        } else if (entry[key] !== undefined) {
          fields.push([name, entry[key]]);
        }
      });
    });
    return fields;
  }

  // A remembered state resumes only for the same routine and doses, and only if the server has
  // not already saved it.
  function usable(state, signature, savedTokens) {
    return Boolean(state && state.phase && Array.isArray(state.items) &&
      JSON.stringify(state.signature) === JSON.stringify(signature) &&
      state.index >= 0 && state.index <= state.items.length &&
      savedTokens.indexOf(state.token) === -1);
  }

  return {
    RELEASE_SECONDS: RELEASE_SECONDS,
    advance: advance,
    anythingDone: anythingDone,
    beginExercise: beginExercise,
    completeStep: completeStep,
    counterText: counterText,
    currentStep: currentStep,
    finishExercise: finishExercise,
    flaggedExercises: flaggedExercises,
    fmt: fmt,
    formFields: formFields,
    fresh: fresh,
    hurtResponse: hurtResponse,
    isFlagged: isFlagged,
    isHighBefore: isHighBefore,
    isRunning: isRunning,
    localDateTime: localDateTime,
    needsResponse: needsResponse,
    nextExercise: nextExercise,
    pause: pause,
    plan: plan,
    recordRating: recordRating,
    resume: resume,
    secondsLeft: secondsLeft,
    skipExercise: skipExercise,
    start: start,
    startClock: startClock,
    takeEasier: takeEasier,
    usable: usable,
  };
});
