// Court staff console: small progressive enhancements (everything works without JS).
(function () {
  "use strict";

  function init(root) {
    // Court switcher: submit on change; the button is then not needed.
    root.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
      var btn = sel.form.querySelector(".js-hide");
      if (btn) btn.hidden = true;
    });

    // Confirmation for irreversible decisions.
    root.querySelectorAll("[data-confirm]").forEach(function (btn) {
      btn.addEventListener("click", function (ev) {
        if (!window.confirm(btn.getAttribute("data-confirm"))) ev.preventDefault();
      });
    });

    // Print button on the receipt.
    root.querySelectorAll("[data-print]").forEach(function (btn) {
      btn.addEventListener("click", function () { window.print(); });
    });

    // Materials viewer: one pane at a time.
    root.querySelectorAll("[data-viewer]").forEach(function (viewer) {
      viewer.querySelectorAll("[data-viewer-target]").forEach(function (btn) {
        btn.addEventListener("click", function () {
          var id = btn.getAttribute("data-viewer-target");
          viewer.querySelectorAll(".c-viewer__pane").forEach(function (p) { p.hidden = p.id !== id; });
          viewer.querySelectorAll("[data-viewer-target]").forEach(function (b) {
            b.classList.toggle("is-active", b === btn);
          });
        });
      });
    });

    // Django formsets: "add a row" clones the empty form.
    root.querySelectorAll("[data-formset]").forEach(function (box) {
      var prefix = box.getAttribute("data-formset");
      var total = box.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
      var rows = box.querySelector("[data-formset-rows]");
      var tpl = box.querySelector("template[data-formset-template]");
      var add = box.querySelector("[data-formset-add]");
      if (!total || !rows || !tpl || !add) return;
      add.addEventListener("click", function () {
        var n = parseInt(total.value, 10);
        var html = tpl.innerHTML.replace(/__prefix__/g, String(n));
        rows.insertAdjacentHTML("beforeend", html);
        total.value = String(n + 1);
        var first = rows.lastElementChild && rows.lastElementChild.querySelector("input, select, textarea");
        if (first) first.focus();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
})();
