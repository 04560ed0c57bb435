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

// Name pickers: an input with data-pick="person" (organization, tender, product, user,
// event) offers, as one types, the records that the search finds, as a datalist of labels
// ("Ada Rowan — Head of Cardiology, St. Aurel Hospital"). The server resolves the label
// (or a name only one record has) on save; without this script a typed name still works.
(function () {
  "use strict";
  var counter = 0;
  function attach(input) {
    var list = document.createElement("datalist");
    list.id = "pick-list-" + (++counter);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.parentNode.insertBefore(list, input.nextSibling);
    var timer = null, asked = "";
    input.addEventListener("input", function () {
      var text = input.value.trim();
      if (timer) { clearTimeout(timer); }
      if (text.length < 2 || text === asked || text.indexOf(" — ") !== -1) { return; }
      timer = setTimeout(function () {
        asked = text;
        fetch("/pick/" + encodeURIComponent(input.dataset.pick) + "?q=" + encodeURIComponent(text),
              {credentials: "same-origin", headers: {"Accept": "application/json"}})
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (choices) {
            if (input.value.trim() !== text) { return; }  // typed on meanwhile
            list.textContent = "";
            choices.forEach(function (choice) {
              var option = document.createElement("option");
              option.value = choice.label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* offline: the typed name is resolved on save */ });
      }, 200);
    });
  }
  function attachAll(root) {
    root.querySelectorAll("input[data-pick]").forEach(attach);
  }
  attachAll(document);
  // "Add another person": a copy of the last picker, empty.
  document.querySelectorAll("[data-add-picker]").forEach(function (button) {
    button.addEventListener("click", function () {
      var group = document.getElementById(button.dataset.addPicker);
      var inputs = group.querySelectorAll("input[data-pick]");
      var last = inputs[inputs.length - 1];
      var copy = last.cloneNode(false);
      copy.value = "";
      copy.removeAttribute("list");
      copy.id = last.id.replace(/-\d+$/, "") + "-" + inputs.length;
      var row = document.createElement("div");
      row.className = "picker-row";
      row.appendChild(copy);
      group.appendChild(row);
      attach(copy);
      copy.focus();
    });
  });
})();

// Selects that apply at once (a plan step's owner); their Set button is for no-script use.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.querySelectorAll("select[data-submit-on-change]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
