// A decision form's remark is required or not by the chosen radio: say so as soon as it is chosen.
// Without JavaScript the hint under the label says it, and the server checks it either way.
document.querySelectorAll("form.keuze").forEach(function (form) {
  var remark = form.querySelector("textarea[name=opmerking]");
  if (!remark) return;
  function follow() {
    var chosen = form.querySelector("input[name=keuze]:checked");
    var required = !!(chosen && chosen.hasAttribute("data-opmerking-verplicht"));
    remark.required = required;
    remark.setAttribute("aria-required", required ? "true" : "false");
    var label = form.querySelector("label[for='" + remark.id + "']");
    if (label) label.textContent = label.getAttribute(required ? "data-verplicht" : "data-optioneel");
  }
  form.addEventListener("change", follow);
  follow();
});
// An error summary takes the focus, so a screen reader reads it first (GOV.UK's pattern).
var summary = document.querySelector(".foutoverzicht");
if (summary) summary.focus();
