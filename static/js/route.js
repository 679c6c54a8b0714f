// The route editors (a nota's parafenroute, a route template): every button works without
// JavaScript by submitting the form; with htmx it swaps only the steps (#route).
//
// Enter in the search field searches (without this script it saves the form, whose first
// button is "Opslaan"). Listened for on the document, as htmx replaces the field.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Enter" || !event.target || event.target.id !== "route_zoek") return;
  event.preventDefault();
  var knop = document.querySelector("#route button[name=route_actie][value=zoek]");
  if (knop) knop.click();
});

// After a swap the pressed button is gone: the focus goes to the same button of the same
// person if there is one (Omhoog pressed twice), else to the first suggestion after a search,
// else to the steps as a whole, so that a keyboard or screen reader user stays in the editor.
var gedrukt = null;
document.addEventListener("htmx:beforeRequest", function (event) {
  var knop = event.detail.elt;
  gedrukt = knop && knop.name === "route_actie" ? knop.getAttribute("aria-label") || knop.value : null;
});
document.addEventListener("htmx:afterSettle", function (event) {
  var route = document.getElementById("route");
  if (gedrukt === null || !route || !route.isConnected) return;
  var doel = null;
  if (gedrukt === "zoek") doel = route.querySelector(".route-keuzes button[value^='voeg:']");
  route.querySelectorAll("button[name=route_actie]").forEach(function (knop) {
    if (!doel && (knop.getAttribute("aria-label") || knop.value) === gedrukt) doel = knop;
  });
  gedrukt = null;
  (doel || route).focus();
});
