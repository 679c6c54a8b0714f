// A word typed in a search field while the page was still loading (before htmx started) gets its
// suggestions as soon as htmx starts, instead of waiting for one more keystroke. A value the
// server wrote into the field (a search without JavaScript) is left alone: its results are there.
htmx.onLoad(function (inhoud) {
  inhoud.querySelectorAll("input[type=search][hx-get]").forEach(function (veld) {
    if (veld.value && veld.value !== veld.defaultValue) htmx.trigger(veld, "search");
  });
});
