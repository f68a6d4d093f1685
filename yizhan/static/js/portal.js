/* Portal enhancements (all optional: every page works without JavaScript). */
(function () {
  "use strict";
  // Upload progress: htmx fires htmx:xhr:progress on the element that issued the request.
  document.addEventListener("htmx:xhr:progress", function (evt) {
    var form = evt.target.closest ? evt.target.closest("form.upload") : null;
    if (!form || !evt.detail.lengthComputable) return;
    var bar = form.querySelector("progress");
    if (!bar) return;
    bar.hidden = false;
    bar.value = Math.round((evt.detail.loaded / evt.detail.total) * 100);
  });
  document.addEventListener("htmx:beforeRequest", function (evt) {
    var form = evt.target.closest ? evt.target.closest("form.upload") : null;
    if (!form) return;
    var bar = form.querySelector("progress");
    if (bar) { bar.hidden = false; bar.value = 0; }
    var btn = form.querySelector("button[type=submit]");
    if (btn) btn.disabled = true;
  });
  // Forms marked data-once: disable the button after the first submit (the server also
  // guards with the Idempotency-Key and the state machine).
  document.addEventListener("submit", function (evt) {
    var form = evt.target;
    if (!form.hasAttribute || !form.hasAttribute("data-once")) return;
    if (form.dataset.sent) { evt.preventDefault(); return; }
    form.dataset.sent = "1";
    var btn = form.querySelector("button[type=submit]");
    if (btn) { setTimeout(function () { btn.disabled = true; }, 0); }
  });
  // Confirm before destructive actions.
  document.addEventListener("submit", function (evt) {
    var msg = evt.target.getAttribute && evt.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) evt.preventDefault();
  }, true);
})();
