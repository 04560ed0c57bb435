// Small page behaviours, no inline script (the CSP forbids it).
(function () {
  "use strict";
  // Search results: arrow keys move between results, Enter opens one, "/" focuses search.
  document.addEventListener("keydown", function (event) {
    var input = document.querySelector("[data-search-input]");
    var active = document.activeElement;
    if (event.key === "/" && input && active !== input && !/INPUT|TEXTAREA|SELECT/.test(active.tagName)) {
      event.preventDefault();
      input.focus();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") { return; }
    var results = Array.prototype.slice.call(document.querySelectorAll("[data-result]"));
    if (!results.length) { return; }
    var index = results.indexOf(active);
    if (index === -1 && event.key === "ArrowUp") { return; }
    event.preventDefault();
    var next = event.key === "ArrowDown" ? Math.min(index + 1, results.length - 1) : index - 1;
    if (next < 0) { input.focus(); } else { results[next].focus(); }
  });
  // Print buttons on meeting briefs.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
