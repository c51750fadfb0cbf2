// Live update of the writing aid beside the complaint text. The page works without it:
// the same hints are computed on the server when the form is saved.
(function () {
  var form = document.getElementById("complaint-text");
  var aside = document.querySelector(".writing-aid");
  if (!form || !aside || !window.fetch) return;
  var list = document.getElementById("writing-hints");
  var description = form.querySelector('[data-writing-aid="description"]');
  var outcome = form.querySelector('[data-writing-aid="desired_outcome"]');
  var timer = null;

  function update() {
    var params = new URLSearchParams({
      description: description ? description.value : "",
      desired_outcome: outcome ? outcome.value : "",
    });
    fetch(aside.dataset.url + "?" + params.toString(), { credentials: "same-origin" })
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
