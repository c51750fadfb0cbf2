// Choosing a reply template fills the reaction box at once; without this script the
// "Sjabloon invoegen" button asks the server to do the same.
(function () {
  "use strict";
  var data = document.getElementById("reply-template-bodies");
  var select = document.getElementById("id_reply_template");
  var body = document.getElementById("id_body");
  if (!data || !select || !body) return;
  var bodies = JSON.parse(data.textContent);
  var button = document.querySelector("[data-insert-template]");
  if (button) button.hidden = true;
  select.addEventListener("change", function () {
    var text = bodies[select.value];
    if (text === undefined) return;
    // Never throw away what someone already typed without asking.
    if (body.value.trim() && body.value !== text &&
        !window.confirm("Je tekst vervangen door het sjabloon?")) return;
    body.value = text;
    body.dispatchEvent(new Event("input", { bubbles: true }));
    body.focus();
  });
})();
