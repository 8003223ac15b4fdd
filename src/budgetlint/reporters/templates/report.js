/* Filters for the budgetlint HTML report: plain DOM, no server, no network. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var docs = Array.prototype.slice.call(document.querySelectorAll("section.doc"));
  var output = document.getElementById("shown-count");

  function apply() {
    var wanted = {};
    var allSeverities = true;
    Array.prototype.forEach.call(form.querySelectorAll("input[name=severity]"), function (box) {
      wanted[box.value] = box.checked;
      if (!box.checked) { allSeverities = false; }
    });
    var rule = form.elements.rule.value;
    var doc = form.elements.doc.value;
    var shown = 0;
    findings.forEach(function (el) {
      var ok = wanted[el.dataset.severity] !== false &&
        (rule === "" || el.dataset.rule === rule) &&
        (doc === "" || el.dataset.doc === doc);
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var narrowed = rule !== "" || !allSeverities;
    docs.forEach(function (section) {
      var hasShown = section.querySelector("article.finding:not([hidden])") !== null;
      var isChosen = doc === "" || section.dataset.doc === doc;
      // A clean or unreadable document stays listed until the filter asks for findings.
      section.hidden = !isChosen || (narrowed && !hasShown);
    });
    // the sentence comes from the page, in the report's language
    output.textContent = output.dataset.template.replace("{shown}", shown).replace("{total}", findings.length);
  }

  // Collapsed lists would print collapsed: open them for printing, then restore.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    reopened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    reopened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (d) { d.open = false; });
    reopened = [];
  });

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  // The "reset" event fires before the controls are reset: reset them here and
  // apply at once, so the page never shows a stale selection.
  var resetButton = document.getElementById("filter-reset");
  resetButton.addEventListener("click", function (event) {
    event.preventDefault();
    form.reset();
    apply();
  });
  apply();
}());
