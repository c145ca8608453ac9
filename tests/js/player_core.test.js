// Unit tests of the guided player's logic: node --test tests/js/ (make test runs them).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../static/js/player_core.js");

// What the server hands over (logbook/views/player.py builds it from the forms).
const CONTRACT = {
  fields: {
    date: "date", startedAt: "started_at",
    painBefore: "pain_before", painAfter: "pain_after", effort: "effort",
    totalForms: "entries-TOTAL_FORMS", initialForms: "entries-INITIAL_FORMS",
  },
  entryFields: {
    exercise: "entries-__prefix__-exercise", sets: "entries-__prefix__-sets",
    repetitions: "entries-__prefix__-repetitions", hold_seconds: "entries-__prefix__-hold_seconds",
    side: "entries-__prefix__-side", pain_during: "entries-__prefix__-pain_during",
    sharp_pain: "entries-__prefix__-sharp_pain", status: "entries-__prefix__-status",
  },
  prefixPlaceholder: "__prefix__",
  checked: "on",
  status: { completed: "completed", stopped: "stopped", skipped: "skipped" },
  done: ["completed", "stopped"],
  side: { both: "both", left: "left", right: "right", none: "na" },
  timeZone: "Asia/Tokyo",
};
const WORDS = {
  left: "Left", right: "Right", sideRepOf: "{side}, {n} of {total}",
  repOf: "Repetition {n} of {total}", setOf: "Set {n} of {total}",
};
const KNEE_TO_CHEST = { exercise: 1, sets: 1, repetitions: 3, holdSeconds: 20, perSide: true };
const CAT_COW = { exercise: 2, sets: 2, repetitions: 5, holdSeconds: null, perSide: false };
const SECOND = 1000;

// 23 November 2026, 23:30 in UTC: 08:30 the next morning in Tokyo.
const STARTED = Date.UTC(2026, 10, 23, 23, 30);

function exercising(items = [KNEE_TO_CHEST, CAT_COW]) {
  const state = core.fresh("token", [], items);
  core.start(state, "4", STARTED);
  core.beginExercise(state);
  return state;
}

test("the plan goes through sets, then sides, then repetitions", () => {
  const steps = core.plan({ sets: 2, repetitions: 2, perSide: true });
  assert.deepEqual(steps.map((s) => [s.set, s.side, s.rep]), [
    [1, "left", 1], [1, "left", 2], [1, "right", 1], [1, "right", 2],
    [2, "left", 1], [2, "left", 2], [2, "right", 1], [2, "right", 2],
  ]);
});

test("the counter names the side, the repetition and the set", () => {
  assert.equal(core.counterText(KNEE_TO_CHEST, { set: 1, side: "right", rep: 2 }, WORDS), "Right, 2 of 3");
  assert.equal(core.counterText(CAT_COW, { set: 2, side: null, rep: 4 }, WORDS), "Set 2 of 2 · Repetition 4 of 5");
});

test("a hold ends on its deadline, however late the tick comes", () => {
  const state = exercising();
  core.startClock(state, "hold", 20, 0);
  assert.deepEqual(core.advance(state, CONTRACT, 19 * SECOND), []);
  assert.equal(core.secondsLeft(state, 19 * SECOND), 1);
  // A locked phone: no tick for 25 seconds. The hold ended at 20 s and the release at 23 s, so
  // the second hold has run for 2 of its 20 seconds.
  assert.deepEqual(core.advance(state, CONTRACT, 25 * SECOND), ["release", "hold"]);
  assert.equal(state.step, 1);
  assert.equal(state.clock.kind, "hold");
  assert.equal(core.secondsLeft(state, 25 * SECOND), 18);
});

test("pausing keeps the time left and resuming runs it from then", () => {
  const state = exercising();
  core.startClock(state, "hold", 20, 0);
  core.pause(state, 5 * SECOND);
  assert.equal(core.isRunning(state), false);
  assert.deepEqual(core.advance(state, CONTRACT, 60 * SECOND), []);
  core.resume(state, 60 * SECOND);
  assert.equal(core.secondsLeft(state, 60 * SECOND), 15);
  assert.deepEqual(core.advance(state, CONTRACT, 75 * SECOND), ["release"]);
});

test("the last hold finishes the exercise and stops the clock there", () => {
  const state = exercising();
  core.startClock(state, "hold", 20, 0);
  // Six holds (three a side) with releases between, and a tick long after all of them.
  const events = core.advance(state, CONTRACT, 10 * 60 * SECOND);
  assert.equal(events.filter((e) => e === "hold").length, 5);
  assert.equal(events[events.length - 1], "done");
  assert.equal(state.phase, "rate");
  assert.equal(state.clock, null);
  assert.deepEqual(state.pending, {
    exercise: 1, sets: 1, repetitions: 3, hold_seconds: 20, side: "both", status: "completed", sharp_pain: false,
  });
});

test("repetitions without a hold are counted by hand", () => {
  const state = exercising();
  state.index = 0;
  for (let n = 1; n < 10; n += 1) {
    assert.equal(core.completeStep(state, CAT_COW, 0), "counted");
  }
  assert.equal(core.completeStep(state, CAT_COW, 0), "done");
});

test("stopping because it hurts records what was done, on that side", () => {
  const state = exercising();
  state.step = 4; // right side, second repetition under way
  core.finishExercise(state, KNEE_TO_CHEST, "stopped", CONTRACT);
  assert.deepEqual(state.pending, {
    exercise: 1, sets: 1, repetitions: 1, hold_seconds: 20, side: "right", status: "stopped", sharp_pain: false,
  });
});

test("a sharp pain is recorded only when the person says so", () => {
  const state = exercising();
  core.finishExercise(state, KNEE_TO_CHEST, "stopped", CONTRACT);
  core.recordRating(state, "4", false);
  core.beginExercise(state);
  core.finishExercise(state, KNEE_TO_CHEST, "stopped", CONTRACT);
  core.recordRating(state, "2", true);
  assert.deepEqual(state.entries.map((entry) => entry.sharp_pain), [false, true]);
});

test("the player answers after a stop, and after a flagged rating, never after a calm one", () => {
  const stoppedCalm = { pain_during: "3", sharp_pain: false, status: "stopped" };
  const completedHigh = { pain_during: "6", sharp_pain: false, status: "completed" };
  const completedCalm = { pain_during: "5", sharp_pain: false, status: "completed" };
  assert.equal(core.needsResponse(stoppedCalm, LEVELS, CONTRACT), true);
  assert.equal(core.needsResponse(completedHigh, LEVELS, CONTRACT), true);
  assert.equal(core.needsResponse(completedCalm, LEVELS, CONTRACT), false);
});

test("a rest ends on time and the next exercise begins", () => {
  const state = exercising();
  core.finishExercise(state, KNEE_TO_CHEST, "completed", CONTRACT);
  core.recordRating(state, "2");
  core.nextExercise(state, 10, 0);
  assert.equal(state.phase, "rest");
  assert.deepEqual(core.advance(state, CONTRACT, 10 * SECOND), ["rested"]);
  assert.equal(state.phase, "exercise");
  assert.equal(state.index, 1);
});

test("what is saved uses the server's field names, one entry after another", () => {
  const state = exercising();
  core.finishExercise(state, KNEE_TO_CHEST, "completed", CONTRACT);
  core.recordRating(state, "2");
  state.step = 0;
  core.finishExercise(state, CAT_COW, "stopped", CONTRACT);
  core.recordRating(state, "7", true);
  const fields = core.formFields(state, { painAfter: "3", effort: "right" }, CONTRACT);
  assert.deepEqual(fields, [
    ["date", "2026-11-24"], ["started_at", "08:30"],
    ["pain_before", "4"], ["pain_after", "3"], ["effort", "right"],
    ["entries-TOTAL_FORMS", 2], ["entries-INITIAL_FORMS", 0],
    ["entries-0-exercise", 1], ["entries-0-sets", 1], ["entries-0-repetitions", 3],
    ["entries-0-hold_seconds", 20], ["entries-0-side", "both"], ["entries-0-pain_during", "2"],
    ["entries-0-status", "completed"],
    ["entries-1-exercise", 2], ["entries-1-sets", 1], ["entries-1-repetitions", 0],
    ["entries-1-hold_seconds", ""], ["entries-1-side", "na"], ["entries-1-pain_during", "7"],
    ["entries-1-sharp_pain", "on"], ["entries-1-status", "stopped"],
  ]);
});

test("a remembered state resumes only for the same routine, unsaved", () => {
  const state = core.fresh("abc", [[1, 1, 3, 20]], [KNEE_TO_CHEST]);
  assert.equal(core.usable(state, [[1, 1, 3, 20]], []), true);
  assert.equal(core.usable(state, [[1, 1, 4, 20]], []), false);
  assert.equal(core.usable(state, [[1, 1, 3, 20]], ["abc"]), false);
  assert.equal(core.usable(null, [[1, 1, 3, 20]], []), false);
  assert.equal(core.usable({ ...state, index: 5 }, [[1, 1, 3, 20]], []), false);
});

// The pain model's lookup, as logbook/pain.py hands it over.
const LEVELS = { tooMuchDuring: [6, 7, 8, 9, 10], highBefore: [7, 8, 9, 10] };
const BIRD_DOG = { exercise: 5, sets: 1, repetitions: 5, holdSeconds: 5, perSide: true };
const SUPERMAN = {
  exercise: 6, sets: 1, repetitions: 5, holdSeconds: 3, perSide: false, easier: BIRD_DOG,
  ifItHurts: "Try the easier variation, Bird-dog, for now.",
  ifEasierHurt: "Its easier variation, Bird-dog, hurt too: rest this movement for now.",
};

test("a rating above 5, or a sharp pain, flags the entry by the server's levels", () => {
  assert.equal(core.isFlagged({ pain_during: "5", sharp_pain: false }, LEVELS), false);
  assert.equal(core.isFlagged({ pain_during: "6", sharp_pain: false }, LEVELS), true);
  assert.equal(core.isFlagged({ pain_during: "1", sharp_pain: true }, LEVELS), true);
  assert.equal(core.isHighBefore("6", LEVELS), false);
  assert.equal(core.isHighBefore("7", LEVELS), true);
});

test("after it hurt, the easier variation is offered and comes next at its own dose", () => {
  const state = exercising([SUPERMAN, KNEE_TO_CHEST]);
  core.finishExercise(state, SUPERMAN, "completed", CONTRACT);
  core.recordRating(state, "7");
  const response = core.hurtResponse(state, SUPERMAN, LEVELS);
  assert.deepEqual(response, { advice: SUPERMAN.ifItHurts, easier: BIRD_DOG });
  core.takeEasier(state, response.easier);
  core.nextExercise(state, 0, 0);
  assert.equal(state.items[state.index], BIRD_DOG);
  assert.deepEqual(state.items.map((item) => item.exercise), [6, 5, 1]);
});

test("an easier variation that hurt in this session is not offered again", () => {
  const state = exercising([BIRD_DOG, SUPERMAN]);
  core.finishExercise(state, BIRD_DOG, "completed", CONTRACT);
  core.recordRating(state, "7");
  core.nextExercise(state, 0, 0);
  core.finishExercise(state, SUPERMAN, "stopped", CONTRACT);
  core.recordRating(state, "4", true);
  assert.deepEqual(core.flaggedExercises(state, LEVELS), [5, 6]);
  assert.deepEqual(core.hurtResponse(state, SUPERMAN, LEVELS), {
    advice: SUPERMAN.ifEasierHurt, easier: null,
  });
});

test("an exercise skipped is kept as skipped, at its planned dose, with no pain rated", () => {
  const state = exercising();
  core.skipExercise(state, KNEE_TO_CHEST, CONTRACT);
  assert.deepEqual(state.entries, [{
    exercise: 1, sets: 1, repetitions: 3, hold_seconds: 20, side: "both", status: "skipped",
    sharp_pain: false, pain_during: "",
  }]);
  const fields = core.formFields(state, { painAfter: "3", effort: "right" }, CONTRACT);
  assert.deepEqual(fields.filter(([name]) => name.startsWith("entries-0-")), [
    ["entries-0-exercise", 1], ["entries-0-sets", 1], ["entries-0-repetitions", 3],
    ["entries-0-hold_seconds", 20], ["entries-0-side", "both"], ["entries-0-pain_during", ""],
    ["entries-0-status", "skipped"],
  ]);
});

test("only an exercise done, by the server's list, makes a session to save", () => {
  const state = exercising();
  core.skipExercise(state, KNEE_TO_CHEST, CONTRACT);
  assert.equal(core.anythingDone(state, CONTRACT), false);
  core.nextExercise(state, 0, 0);
  core.finishExercise(state, CAT_COW, "stopped", CONTRACT);
  core.recordRating(state, "3");
  assert.equal(core.anythingDone(state, CONTRACT), true);
});

test("the start is the date and time where the person is, by the server's time zone", () => {
  assert.deepEqual(core.localDateTime(STARTED, "Asia/Tokyo"), { date: "2026-11-24", time: "08:30" });
  assert.deepEqual(core.localDateTime(STARTED, "Europe/Dublin"), { date: "2026-11-23", time: "23:30" });
  assert.deepEqual(core.localDateTime(STARTED, "America/New_York"), { date: "2026-11-23", time: "18:30" });
});
