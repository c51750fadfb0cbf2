// Small enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", function () {
  // After a failed submit the error summary takes focus, so it is read first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});

// The header menu is a <details> folded on narrow screens only. Browsers without the
// ::details-content pseudo-element cannot show it folded-open by CSS on a wide screen,
// so here it opens there (and folds again when the window becomes narrow).
document.addEventListener("DOMContentLoaded", function () {
  var menu = document.querySelector("[data-menu]");
  if (!menu || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 50.01rem)");
  function follow() { menu.open = wide.matches; }
  follow();
  if (wide.addEventListener) wide.addEventListener("change", follow);
});
