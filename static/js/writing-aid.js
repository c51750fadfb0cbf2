// Live update of the writing aid beside the complaint text. The page works without it:
// the same hints are computed on the server when the form is saved.
//
// Only the hints list is a live region. It is rewritten only when the set of hints
// changes, so a screen reader hears a new hint once, not the word count on every key.
(function () {
  var form = document.getElementById("complaint-text");
  var aside = document.querySelector(".writing-aid");
  if (!form || !aside || !window.fetch) return;
  var list = document.getElementById("writing-hints");
  var count = document.getElementById("writing-count");
  var fields = ["title", "description", "desired_outcome"]
    .map(function (name) { return form.elements[name]; })
    .filter(Boolean);
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
  var timer = null;
  var shown = Array.prototype.map.call(list.children, function (item) {
    return item.textContent;
  }).join("\n");
  var sent = 0;

  function signature(hints) {
    return hints.map(function (hint) { return hint.message; }).join("\n");
  }

  // POST, with the form's CSRF token: the draft text stays out of URLs and access logs.
  function update() {
    var body = new URLSearchParams();
    fields.forEach(function (field) { body.append(field.name, field.value); });
    var number = ++sent;
    fetch(aside.dataset.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf ? csrf.value : "" },
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        // An older answer that arrives late must not undo a newer one.
        if (!data || number !== sent) return;
        if (count && data.count) {
          count.textContent = data.count.message;
          count.className = "hint hint-" + data.count.level;
        }
        var next = signature(data.hints);
        if (next === shown) return;
        shown = next;
        list.replaceChildren.apply(list, data.hints.map(function (hint) {
          var item = document.createElement("li");
          item.className = "hint hint-" + hint.level;
          item.textContent = hint.message;
          return item;
        }));
      })
      .catch(function () {});
  }

  // Wait for a pause in typing, so half-typed words do not come and go as hints.
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, 700);
  }

  fields.forEach(function (field) { field.addEventListener("input", schedule); });
})();
