// Company suggestions under a search box, following the WAI-ARIA 1.2 combobox pattern
// (list autocomplete, manual selection). Without this script the box is a plain search
// field and the results page offers the company ("Bedoel je het bedrijf ...?").
//
// Markup: <input data-autocomplete="/api/v2/companies/autocomplete/" id="..."> inside an
// element with class "autocomplete". The endpoint answers [{slug, name, url}].
(function () {
  "use strict";

  var MIN_CHARS = 2;
  var DELAY_MS = 150;

  function announce(count) {
    if (count === 0) return "Geen bedrijven gevonden";
    if (count === 1) return "1 suggestie. Kies met pijltje omlaag.";
    return count + " suggesties. Kies met pijltje omlaag.";
  }

  function setup(input) {
    var endpoint = input.getAttribute("data-autocomplete");
    var listId = input.id + "-suggesties";
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var items = [];
    var active = -1;
    var timer = null;
    var sequence = 0;
    var lastQuery = "";

    list.id = listId;
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Bedrijven");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.parentNode.appendChild(list);
    input.parentNode.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    function isOpen() {
      return !list.hidden;
    }

    function open() {
      if (!items.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function setActive(index) {
      var options = list.children;
      active = index;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(item) {
      window.location.assign(item.url);
    }

    function render(found) {
      items = found;
      list.textContent = "";
      items.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.name;
        // mousedown, not click: the box keeps focus (no blur that would close the list).
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(item);
        });
        list.appendChild(option);
      });
      setActive(-1);
      status.textContent = announce(items.length);
      if (items.length) open();
      else close();
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < MIN_CHARS) {
        items = [];
        list.textContent = "";
        status.textContent = "";
        close();
        return;
      }
      var mine = ++sequence;
      fetch(endpoint + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (found) {
          // An answer to an older query that arrived late is dropped.
          if (mine === sequence && Array.isArray(found)) render(found);
        })
        .catch(function () {
          /* No suggestions then; the search itself still works. */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      switch (event.key) {
        case "ArrowDown":
          if (!items.length) return;
          event.preventDefault();
          if (!isOpen()) open();
          setActive(active + 1 >= items.length ? 0 : active + 1);
          break;
        case "ArrowUp":
          if (!items.length) return;
          event.preventDefault();
          if (!isOpen()) open();
          setActive(active <= 0 ? items.length - 1 : active - 1);
          break;
        case "Enter":
          // With a suggestion chosen, go to the company; otherwise the form searches.
          if (isOpen() && active >= 0) {
            event.preventDefault();
            choose(items[active]);
          }
          break;
        case "Escape":
          if (isOpen()) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            lastQuery = "";
            items = [];
            list.textContent = "";
          }
          break;
        case "Tab":
          close();
          break;
      }
    });

    input.addEventListener("blur", function () {
      close();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var inputs = document.querySelectorAll("input[data-autocomplete]");
    for (var i = 0; i < inputs.length; i++) setup(inputs[i]);
  });
})();
