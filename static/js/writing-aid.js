// Live update of the writing aid beside the complaint text. The page works without it:
// the same hints are computed on the server when the form is saved.
(function () {
  var form = document.getElementById("complaint-text");
  var aside = document.querySelector(".writing-aid");
  if (!form || !aside || !window.fetch) return;
  var list = document.getElementById("writing-hints");
  var description = form.querySelector('[data-writing-aid="description"]');
  var outcome = form.querySelector('[data-writing-aid="desired_outcome"]');
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
  var timer = null;

  // POST, with the form's CSRF token: the draft text stays out of URLs and access logs.
  function update() {
    var body = new URLSearchParams({
      description: description ? description.value : "",
      desired_outcome: outcome ? outcome.value : "",
    });
    fetch(aside.dataset.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf ? csrf.value : "" },
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        list.replaceChildren.apply(list, data.hints.map(function (hint) {
          var item = document.createElement("li");
          item.className = "hint hint-" + hint.level;
          item.textContent = hint.message;
          return item;
        }));
      })
      .catch(function () {});
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, 400);
  }

  [description, outcome].forEach(function (field) {
    if (field) field.addEventListener("input", schedule);
  });
})();
