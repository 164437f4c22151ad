// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";

  // Request form: show the window fields or the fixed-time field depending on the choice.
  function syncTimeMode() {
    var checked = document.querySelector("input[name='tijdtype']:checked");
    if (!checked) { return; }
    var fixed = checked.value === "vast";
    document.querySelectorAll("[data-time-mode]").forEach(function (block) {
      block.hidden = block.getAttribute("data-time-mode") !== (fixed ? "vast" : "venster");
    });
  }
  document.querySelectorAll("input[name='tijdtype']").forEach(function (radio) {
    radio.addEventListener("change", syncTimeMode);
  });
  syncTimeMode();

  // Ask before destructive actions (withdraw, delete).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  document.querySelectorAll("button[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  // Choice and filter forms apply at once: a changed choice submits (a search submits with Enter).
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { form.requestSubmit(); });
    });
  });
})();
