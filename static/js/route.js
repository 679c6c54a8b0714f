// Enter in the route editor's search field searches (without this script it saves the form,
// whose first button is "Opslaan"); the search button works without JavaScript too.
var zoek = document.getElementById("route_zoek");
if (zoek) {
  zoek.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var knop = zoek.form.querySelector("button[name=route_actie][value=zoek]");
    if (knop) knop.click();
  });
}
