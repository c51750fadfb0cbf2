// Suggestions under a search box while typing: companies (straight to the company page)
// and recent complaint titles (straight to the complaint), following the WAI-ARIA 1.2
// combobox pattern (list autocomplete, manual selection) with a grouped listbox.
// Without this script the box is a plain GET search field and the results page offers
// the company ("Bedoel je het bedrijf ...?").
//
// Markup: <input data-autocomplete="/api/v2/search/suggest/" id="..."> inside an element
// with class "autocomplete". The endpoint answers {companies: [{name, url}],
// complaints: [{title, url, company: {name}}]}; a plain list [{name, url}] (the company
// autocomplete) is read as companies only.
(function () {
  "use strict";

  var MIN_CHARS = 2;
  var DELAY_MS = 150;

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  function announce(companies, complaints) {
    var total = companies + complaints;
    if (total === 0) return "Geen suggesties gevonden";
    var parts = [];
    if (companies) parts.push(plural(companies, "bedrijf", "bedrijven"));
    if (complaints) parts.push(plural(complaints, "klacht", "klachten"));
    return (
      plural(total, "suggestie", "suggesties") +
      ": " +
      parts.join(" en ") +
      ". Kies met pijltje omlaag."
    );
  }

  function setup(input) {
    var endpoint = input.getAttribute("data-autocomplete");
    var listId = input.id + "-suggesties";
    var list = document.createElement("div");
    var status = document.createElement("div");
    var options = []; // [{element, url}] in the order the arrow keys walk them
    var active = -1;
    var timer = null;
    var sequence = 0;
    var lastQuery = "";

    list.id = listId;
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggesties");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
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
      if (!options.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function setActive(index) {
      active = index;
      for (var i = 0; i < options.length; i++) {
        options[i].element.setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].element.id);
        options[index].element.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(option) {
      window.location.assign(option.url);
    }

    function addOption(group, url, label, meta) {
      var element = document.createElement("div");
      var option = { element: element, url: url };
      element.id = listId + "-" + options.length;
      element.className = "autocomplete-option";
      element.setAttribute("role", "option");
      element.setAttribute("aria-selected", "false");
      element.textContent = label;
      if (meta) {
        var small = document.createElement("span");
        small.className = "autocomplete-meta";
        small.textContent = " · " + meta;
        element.appendChild(small);
      }
      // mousedown, not click: the box keeps focus (no blur that would close the list).
      element.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(option);
      });
      group.appendChild(element);
      options.push(option);
    }

    function addGroup(key, heading, items, describe) {
      if (!items.length) return;
      var group = document.createElement("div");
      var title = document.createElement("div");
      title.id = listId + "-" + key;
      title.className = "autocomplete-heading";
      title.setAttribute("role", "presentation");
      title.textContent = heading;
      group.setAttribute("role", "group");
      group.setAttribute("aria-labelledby", title.id);
      group.appendChild(title);
      items.forEach(function (item) {
        describe(group, item);
      });
      list.appendChild(group);
    }

    function render(found) {
      var companies = Array.isArray(found) ? found : found.companies || [];
      var complaints = Array.isArray(found) ? [] : found.complaints || [];
      options = [];
      list.textContent = "";
      addGroup("bedrijven", "Bedrijven", companies, function (group, item) {
        addOption(group, item.url, item.name);
      });
      addGroup("klachten", "Klachten", complaints, function (group, item) {
        addOption(group, item.url, item.title, item.company && item.company.name);
      });
      setActive(-1);
      status.textContent = announce(companies.length, complaints.length);
      if (options.length) open();
      else close();
    }

    function clear() {
      options = [];
      list.textContent = "";
      close();
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      var mine = ++sequence;
      if (query.length < MIN_CHARS) {
        status.textContent = "";
        clear();
        return;
      }
      fetch(endpoint + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (found) {
          // An answer to an older query that arrived late is dropped.
          if (mine === sequence && found) render(found);
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
          if (!options.length) return;
          event.preventDefault();
          if (!isOpen()) open();
          setActive(active + 1 >= options.length ? 0 : active + 1);
          break;
        case "ArrowUp":
          if (!options.length) return;
          event.preventDefault();
          if (!isOpen()) open();
          setActive(active <= 0 ? options.length - 1 : active - 1);
          break;
        case "Enter":
          // With a suggestion chosen, go to it; otherwise the form searches as usual.
          if (isOpen() && active >= 0) {
            event.preventDefault();
            choose(options[active]);
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
            sequence++; // a request still under way no longer counts
            clear();
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
