// Hexapla admin: live Markdown preview. The server renders and sanitises; this file only moves text.
// Without JavaScript every form still works: its "Preview" button re-renders the page with the preview.
(function () {
  "use strict";

  function attach(textarea) {
    var target = document.getElementById(textarea.getAttribute("data-preview"));
    var form = textarea.form;
    if (!target || !form) {
      return;
    }

    var timer = null;
    var sent = 0;

    function render() {
      var token = form.querySelector("input[name=__RequestVerificationToken]");
      var data = new FormData();
      data.append("body", textarea.value);
      // The version's language chooses media texts and file variants: the textarea's own, else the form's language field.
      var language = textarea.getAttribute("lang") || (form.elements.language && form.elements.language.value) || "";
      data.append("lang", language);
      if (token) {
        data.append("__RequestVerificationToken", token.value);
      }

      var mine = ++sent;
      fetch("/admin/preview", { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("preview failed: " + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          // An older answer arriving late must not replace a newer one.
          if (mine === sent) {
            target.innerHTML = html;
            target.removeAttribute("data-stale");
          }
        })
        .catch(function () {
          target.setAttribute("data-stale", "true");
        });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, 300);
    });
  }

  document.querySelectorAll("textarea[data-preview]").forEach(attach);
})();
