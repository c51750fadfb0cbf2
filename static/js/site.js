// Small enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", function () {
  // After a failed submit the error summary takes focus, so it is read first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
